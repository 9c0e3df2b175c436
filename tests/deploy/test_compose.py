"""deploy/compose.yaml: its structure and the promises it keeps.

No image can be pulled here (no internet in the tests), so the file is not run: this checks
what `docker compose config` would read, and that the deployment keeps the split of the keys,
health checks every web service, and starts things in the right order.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from django.urls import resolve

REPO = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((REPO / "deploy" / "compose.yaml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
VIGIE = ("setup", "intake", "backoffice", "worker")


def _volumes(service: str) -> dict[str, str]:
    mounts = (entry.split(":") for entry in SERVICES[service].get("volumes", []))
    return {target: source for source, target, *_mode in mounts}


def test_the_services_and_their_images() -> None:
    assert set(SERVICES) == {"postgres", "redis", *VIGIE}
    assert SERVICES["postgres"]["image"].startswith("postgres:")
    assert SERVICES["redis"]["image"].startswith("redis:")
    for name in VIGIE:
        service = SERVICES[name]
        assert service["image"] == "vigie:local"
        assert service["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
        assert (REPO / "deploy" / "Dockerfile").is_file()
        assert service["read_only"] is True
        assert "/run/metrics" in service["tmpfs"]
        environment = service["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://vigie:")
        assert environment["REDIS_URL"] == "redis://redis:6379/0"
        assert environment["PROMETHEUS_MULTIPROC_DIR"] == "/run/metrics"
        assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.prod"


def test_every_variable_given_to_vigie_is_one_it_reads() -> None:
    documented = set(re.findall(r"^([A-Z_]+)=", (REPO / ".env.example").read_text(), re.M))
    for name in VIGIE:
        assert set(SERVICES[name]["environment"]) - {"DJANGO_SETTINGS_MODULE"} <= documented


def test_the_intake_holds_only_the_public_half_of_the_keys() -> None:
    assert SERVICES["intake"]["environment"]["VIGIE_INTERFACE"] == "public"
    for name in ("setup", "backoffice", "worker"):
        assert SERVICES[name]["environment"]["VIGIE_INTERFACE"] == "backoffice"
    intake = _volumes("intake")
    assert intake["/var/lib/vigie"] == "intake"
    for name in ("setup", "backoffice", "worker"):
        assert _volumes(name)["/var/lib/vigie"] == "backoffice"
    copy = " ".join(SERVICES["setup"]["command"])
    copied = set(re.findall(r"/var/lib/vigie/keys/([\w.*]+)", copy))
    # reports*.pub: the public half of every report key version (reports.v2.pub after a
    # rotation), never a private one.
    assert copied == {"reports*.pub", "secret_key", "channel_layer.key"}
    assert "/var/lib/vigie-intake/keys/" in copy


def test_web_services_are_health_checked_on_readiness_and_bound_to_the_loopback() -> None:
    for name, port in (("intake", "8001"), ("backoffice", "8101")):
        service = SERVICES[name]
        test = service["healthcheck"]["test"]
        assert test[:4] == ["CMD", "python", "-m", "vigie.core.probe"]
        assert resolve(test[4].removeprefix("http://127.0.0.1:8000")).url_name == "health_ready"
        assert service["ports"] == [f"127.0.0.1:{port}:8000"]
        entrypoint = service["entrypoint"]
        assert entrypoint[:2] == ["uvicorn", "config.asgi:application"]
        assert "--no-access-log" in entrypoint
    assert SERVICES["intake"]["command"] == ["--no-proxy-headers"]
    for name in ("postgres", "redis"):
        assert SERVICES[name]["healthcheck"]["test"][0] == "CMD"


def test_start_order() -> None:
    setup = SERVICES["setup"]["depends_on"]
    assert setup == {
        "postgres": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }
    for name in ("intake", "backoffice"):
        assert SERVICES[name]["depends_on"] == {
            "setup": {"condition": "service_completed_successfully"}
        }
    assert SERVICES["worker"]["depends_on"] == {"backoffice": {"condition": "service_healthy"}}
    assert SERVICES["worker"]["command"][:3] == ["python", "manage.py", "db_worker"]


def test_evidence_is_one_volume_for_the_intake_that_stores_and_the_back_office_that_reads() -> None:
    for name in ("intake", "backoffice", "worker"):
        assert _volumes(name)["/var/lib/vigie/evidence"] == "evidence"
    assert set(COMPOSE["volumes"]) == {"postgres", "backoffice", "intake", "evidence"}
