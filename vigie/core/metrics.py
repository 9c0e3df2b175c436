"""Prometheus metrics (prometheus-client), with no personal data in any label.

Labels take values from closed sets only: the URL pattern's *name* (never the path: paths
carry receipt references), the status class ("2xx"), the socket's role, the task queue's
name. Served at ``/metrics`` to the allowed networks (settings.METRICS_ALLOWED_NETWORKS) or
to a request bearing ``Authorization: Bearer <METRICS_TOKEN>``; anyone else gets a 404.

The public side never sees a client address (vigie.core.privacy.ScrubClientMetadata): the
edge decides whether the address is in an allowed network before dropping it, and hands on
that yes/no only (``scope["vigie.monitoring"]``).

Multi-process: with PROMETHEUS_MULTIPROC_DIR set (before the process starts; prometheus-client
reads it at import), every worker writes its values there and any of them serves the sum.
"""

from __future__ import annotations

import hmac
import ipaddress
import time
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.multiprocess import MultiProcessCollector

from vigie.core.chain import AsyncCapable

MONITORING_SCOPE_KEY = "vigie.monitoring"
# Paths for which the edge records whether the client may read operational data.
OPS_PATHS = ("/metrics", "/sante/")
UNMATCHED_ROUTE = "unmatched"

# Our own registry: single-process mode serves it; multi-process mode reads the files.
REGISTRY = CollectorRegistry(auto_describe=True)

REQUESTS = Counter(
    "vigie_http_requests",
    "HTTP requests answered, by route name and status class.",
    ["route", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "vigie_http_request_duration_seconds",
    "Time to answer an HTTP request, by route name.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
REPORTS_STORED = Counter(
    "vigie_reports_stored", "Citizens' reports stored (not counting retries).", registry=REGISTRY
)
CHAT_SOCKETS = Gauge(
    "vigie_chat_sockets_open",
    "Chat WebSockets open, by side.",
    ["side"],
    multiprocess_mode="livesum",
    registry=REGISTRY,
)


# --------------------------------------------------------------------------- recording


def route_name(request: HttpRequest) -> str:
    """The URL pattern's name ("api-v1:report_status"), never the path."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return UNMATCHED_ROUTE
    return match.view_name or UNMATCHED_ROUTE


def status_class(status: int) -> str:
    return f"{status // 100}xx" if 100 <= status < 600 else "other"


def _record(request: HttpRequest, status: int, started: float) -> None:
    route = route_name(request)
    REQUESTS.labels(route=route, status=status_class(status)).inc()
    LATENCY.labels(route=route).observe(time.perf_counter() - started)


class RequestMetricsMiddleware(AsyncCapable):
    """Counts and times every request by route name; sync and async, no thread hop."""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        self.follow_chain_mode()

    def sync_call(self, request: HttpRequest) -> Any:
        started = time.perf_counter()
        response = self.get_response(request)
        _record(request, response.status_code, started)
        return response

    async def __acall__(self, request: HttpRequest) -> Any:
        started = time.perf_counter()
        response = await self.get_response(request)
        _record(request, response.status_code, started)
        return response


def socket_opened(side: str) -> None:
    CHAT_SOCKETS.labels(side=side).inc()


def socket_closed(side: str) -> None:
    CHAT_SOCKETS.labels(side=side).dec()


# --------------------------------------------------------------------------- queue depth


class TaskQueueCollector:
    """Tasks waiting for the worker (django-tasks' database backend), read at scrape time."""

    def describe(self) -> list[Any]:
        return []  # read at scrape time only: registering must not query the database

    def collect(self) -> Iterator[GaugeMetricFamily]:
        from django.db.models import Count
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        family = GaugeMetricFamily(
            "vigie_task_queue_depth", "Background tasks waiting for a worker.", labels=["queue"]
        )
        waiting = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY)
            .values("queue_name")
            .annotate(count=Count("id"))
        )
        depth = {name: 0 for name in _configured_queues()}
        for row in waiting:
            depth[row["queue_name"]] = row["count"]
        for name, count in sorted(depth.items()):
            family.add_metric([name], count)
        yield family


def _configured_queues() -> list[str]:
    return [
        str(queue)
        for backend in settings.TASKS.values()
        for queue in backend.get("QUEUES", ["default"])
    ]


# --------------------------------------------------------------------------- serving


@cache
def _networks(spec: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def address_allowed(address: str | None) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.METRICS_ALLOWED_NETWORKS)))


def _token_presented(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if not token or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header.removeprefix("Bearer ").encode(), token.encode())


def may_read_metrics(request: HttpRequest) -> bool:
    if _token_presented(request):
        return True
    scope = getattr(request, "scope", None)
    if isinstance(scope, dict) and MONITORING_SCOPE_KEY in scope:
        return bool(scope[MONITORING_SCOPE_KEY])
    # Not through config.asgi (WSGI, the test client): the address Django was given, read
    # where addresses may be read.
    from vigie.core.privacy import request_may_monitor

    return request_may_monitor(request)


def registry_for_scrape() -> CollectorRegistry:
    if settings.METRICS_MULTIPROC_DIR:
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=settings.METRICS_MULTIPROC_DIR)
    else:
        registry = CollectorRegistry()
        registry.register(_OwnMetrics())
    registry.register(TaskQueueCollector())
    return registry


class _OwnMetrics:
    def describe(self) -> list[Any]:
        return []

    def collect(self) -> Iterator[Any]:
        yield from REGISTRY.collect()


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not may_read_metrics(request):
        return HttpResponseNotFound()
    response = HttpResponse(
        generate_latest(registry_for_scrape()), content_type=CONTENT_TYPE_LATEST
    )
    response["Cache-Control"] = "no-store"
    return response
