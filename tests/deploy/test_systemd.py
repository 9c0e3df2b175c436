"""deploy/systemd: the web units wait for readiness and keep private metrics files; the probe."""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from vigie.core import probe

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"


@pytest.mark.parametrize(
    ("unit", "port"), [("vigie-public@.service", "%i"), ("vigie-backoffice.service", "8101")]
)
def test_web_units_start_once_ready_with_metrics_files_of_their_own(unit: str, port: str) -> None:
    text = (UNITS / unit).read_text()
    assert f"--port {port}" in text
    probe_line = re.search(r"^ExecStartPost=(.*)$", text, re.MULTILINE)
    assert probe_line is not None
    assert probe_line.group(1).split()[1:4] == [
        "-m",
        "vigie.core.probe",
        f"http://127.0.0.1:{port}/sante/pret",
    ]
    runtime = re.search(r"^RuntimeDirectory=(\S+)$", text, re.MULTILINE)
    assert runtime is not None
    assert f"Environment=PROMETHEUS_MULTIPROC_DIR=/run/{runtime.group(1)}" in text


def test_the_worker_unit_runs_the_task_worker_on_the_back_office() -> None:
    text = (UNITS / "vigie-worker.service").read_text()
    assert "EnvironmentFile=/etc/vigie/backoffice.env" in text
    assert re.search(r"^ExecStart=\S+python manage.py db_worker --no-reload", text, re.MULTILINE)


@pytest.fixture
def status_server() -> Iterator[tuple[str, list[int]]]:
    statuses = [503]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(statuses[0])
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/sante/pret", statuses
    finally:
        server.shutdown()
        server.server_close()


def test_the_probe_succeeds_only_on_200(status_server: tuple[str, list[int]]) -> None:
    url, statuses = status_server
    assert probe.main([url]) == 1
    statuses[0] = 200
    assert probe.main([url]) == 0
    assert probe.main(["http://127.0.0.1:9/nothing-listens"]) == 1
