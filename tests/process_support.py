"""A fresh interpreter with `make run`'s settings, for what only a new process shows (what
config.asgi does at start-up, what stays in memory)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def python_as_make_run(var_dir: Path, code: str) -> str:
    """Run `code` with `make run`'s settings (its embedded SQLite database in `var_dir`, no
    Redis); returns the last line it printed."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.run",
        "VIGIE_VAR_DIR": str(var_dir),
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    done = subprocess.run(  # noqa: S603  # our own interpreter and modules
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return done.stdout.strip().splitlines()[-1]
