"""Every long-running Vigie process starts with MALLOC_ARENA_MAX=2.

glibc gives each thread that allocates its own arena, up to eight per core; a server runs the
synchronous part of each request on pooled threads, and its resident memory grew linearly
under the soak (+9.6 % in 12 minutes) where two arenas kept it flat (bench/results/soak.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.chat.processes import Deployment

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "unit", ["vigie-public@.service", "vigie-backoffice.service", "vigie-worker.service"]
)
def test_each_systemd_unit_limits_the_arenas(unit: str) -> None:
    text = (ROOT / "deploy" / "systemd" / unit).read_text()
    assert re.search(r"^Environment=MALLOC_ARENA_MAX=2$", text, re.MULTILINE), unit


def test_the_image_limits_the_arenas_for_every_compose_service() -> None:
    env_lines = [
        line
        for line in (ROOT / "deploy" / "Dockerfile").read_text().splitlines()
        if line.startswith("ENV ")
    ]
    final_stage_env = env_lines[-1].split()[1:]
    assert "MALLOC_ARENA_MAX=2" in final_stage_env


def test_make_run_limits_the_arenas_of_its_server_and_worker() -> None:
    recipe = (ROOT / "Makefile").read_text().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    exported = recipe.index("export MALLOC_ARENA_MAX=2;")
    assert exported < recipe.index("db_worker") < recipe.index("uvicorn config.asgi")


def test_bench_and_test_servers_run_as_deployed(tmp_path: Path) -> None:
    assert Deployment(var_dir=tmp_path).env["MALLOC_ARENA_MAX"] == "2"
