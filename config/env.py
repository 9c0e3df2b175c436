"""The one place that reads the process environment (HackSoft rule).

Every variable is documented in `.env.example`; `tests/test_settings_documented.py` fails when
a variable read here is missing from it.
"""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, *, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


VAR_DIR = Path(env_str("VIGIE_VAR_DIR", str(BASE_DIR / "var"))).resolve()
DATABASE_URL = env_str("DATABASE_URL")
REDIS_URL = env_str("REDIS_URL")
DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("VIGIE_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
# Which interfaces this process serves: "all" (embedded default), "public" (internet-facing
# intake: holds only the public half of the report key) or "backoffice" (cell network).
INTERFACE = env_str("VIGIE_INTERFACE", "all")
BACKOFFICE_PREFIX = env_str("VIGIE_BACKOFFICE_PREFIX", "cellule/")
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
CI = env_bool("CI", default=False)
# Proof-of-work difficulty (leading zero bits) for anonymous submissions; 0 turns it off.
POW_DIFFICULTY = env_int("VIGIE_POW_DIFFICULTY", 18)
# Optional map tile server (for example an internal one); empty: offline outlines only.
MAP_TILE_URL = env_str("VIGIE_MAP_TILE_URL")
# Who runs this instance, named by the legal pages (publisher, hosting); empty: the pages say
# that no operator is declared, as on a demonstration or development installation.
OPERATOR = env_str("VIGIE_OPERATOR")
HOSTING = env_str("VIGIE_HOSTING")
# Prometheus metrics (/metrics, vigie.core.metrics): answered only to these networks
# (comma-separated CIDR) or to a request bearing VIGIE_METRICS_TOKEN.
METRICS_ALLOWED_NETWORKS = env_list("VIGIE_METRICS_ALLOWED_NETWORKS", ["127.0.0.1/32", "::1/128"])
METRICS_TOKEN = env_str("VIGIE_METRICS_TOKEN")
# The ASGI server's garbage-collection policy (vigie/core/collector.py); 0 turns it off.
GC_FREEZE = env_bool("VIGIE_GC_FREEZE", default=True)
# The ASGI server reads France's geography at start-up (vigie.geo.reference.load_all).
PRELOAD_GEOGRAPHY = env_bool("VIGIE_PRELOAD_GEOGRAPHY", default=True)
# prometheus-client's multi-process mode: a folder shared by the workers of one host, emptied
# before they start (the systemd units and compose file give each service its own).
PROMETHEUS_MULTIPROC_DIR = env_str("PROMETHEUS_MULTIPROC_DIR")
