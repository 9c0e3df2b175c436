"""/metrics: who may read it, and what its labels hold (tests/core/test_ops_session.py runs a
whole session and searches the labels)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from prometheus_client.parser import text_string_to_metric_families

from tests.api.conftest import asgi_call
from vigie.core import metrics


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_metrics_answer_localhost_through_the_edge_and_nobody_else(db: None) -> None:
    local = asgi_call("GET", "/metrics", client_address="127.0.0.1")
    assert local.status_code == 200, local.text
    assert "vigie_http_requests_total" in local.text
    assert "set-cookie" not in local.headers
    outside = asgi_call("GET", "/metrics", client_address="203.0.113.77")
    assert outside.status_code == 404
    assert "vigie_" not in outside.text


def test_an_allowed_network_and_a_bearer_token_open_the_metrics(db: None, settings: Any) -> None:
    settings.METRICS_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    assert asgi_call("GET", "/metrics", client_address="10.20.3.4").status_code == 200
    assert asgi_call("GET", "/metrics", client_address="127.0.0.1").status_code == 404

    settings.METRICS_TOKEN = "jeton-de-supervision-assez-long"
    outside = "198.51.100.9"
    wrong = {"Authorization": "Bearer autre-jeton"}
    right = {"Authorization": "Bearer jeton-de-supervision-assez-long"}
    assert asgi_call("GET", "/metrics", client_address=outside, headers=wrong).status_code == 404
    assert asgi_call("GET", "/metrics", client_address=outside, headers=right).status_code == 200


def test_the_edge_hands_on_a_yes_or_no_never_the_address() -> None:
    seen: list[dict[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope)

    from tests.asyncio_support import run
    from vigie.core.privacy import ScrubClientMetadata

    edge = ScrubClientMetadata(app)
    for path in ("/metrics", "/sante/pret", "/suivi/"):
        scope = {"type": "http", "path": path, "client": ("127.0.0.1", 5000), "headers": []}
        run(edge(scope, None, None))  # a fresh thread: a browser test's loop may be here
    assert [scope.get(metrics.MONITORING_SCOPE_KEY) for scope in seen] == [True, True, None]
    assert all(scope["client"] is None for scope in seen)


def test_requests_are_counted_by_route_name_and_status_class(db: None, client: Client) -> None:
    def count() -> float:
        key = (
            "vigie_http_requests_total",
            (("route", "public:follow_up"), ("status", "2xx")),
        )
        return samples(client.get("/metrics").content.decode()).get(key, 0.0)

    before = count()
    assert client.get("/suivi/").status_code == 200
    assert count() == before + 1


def test_the_task_queue_depth_counts_waiting_tasks(db: None, client: Client) -> None:
    from django.utils import timezone
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    def waiting_row(status: str) -> None:
        DBTaskResult.objects.create(
            status=status,
            args_kwargs={"args": [1], "kwargs": {}},
            task_path="vigie.crossref.tasks.link_report_task",
            backend_name="default",
            run_after=timezone.now(),
        )

    key = ("vigie_task_queue_depth", (("queue", "default"),))
    assert samples(client.get("/metrics").content.decode())[key] == 0
    waiting_row(TaskResultStatus.READY)
    waiting_row(TaskResultStatus.READY)
    waiting_row(TaskResultStatus.SUCCESSFUL)
    assert samples(client.get("/metrics").content.decode())[key] == 2


def test_several_processes_add_up_through_the_multiprocess_directory(
    db: None, settings: Any, tmp_path: Any
) -> None:
    """prometheus-client reads PROMETHEUS_MULTIPROC_DIR when it is imported: real processes."""
    import os
    import subprocess
    import sys

    from prometheus_client import generate_latest

    directory = tmp_path / "metrics"
    directory.mkdir()
    code = (
        "import django; django.setup(); from vigie.core import metrics; "
        "metrics.REPORTS_STORED.inc(); metrics.socket_opened('citizen'); "
        "metrics.REQUESTS.labels(route='public:follow_up', status='2xx').inc()"
    )
    environment = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(directory),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "VIGIE_VAR_DIR": str(tmp_path / "var"),
    }
    for _ in range(2):
        subprocess.run([sys.executable, "-c", code], env=environment, check=True)  # noqa: S603  # our interpreter
    settings.METRICS_MULTIPROC_DIR = str(directory)
    scraped = samples(generate_latest(metrics.registry_for_scrape()).decode())
    assert scraped[("vigie_reports_stored_total", ())] == 2
    assert scraped[("vigie_chat_sockets_open", (("side", "citizen"),))] == 2
    route = (("route", "public:follow_up"), ("status", "2xx"))
    assert scraped[("vigie_http_requests_total", route)] == 2
