"""Liveness and readiness, for systemd, compose and the monitoring (deploy/).

- ``/sante/vivant``: the process answers. Touches nothing else (no database, no cache).
- ``/sante/pret``: this process can serve: the database answers, Redis answers when REDIS_URL
  is set, and the key files of this host's role are there (and, on a public intake, the
  private report key is *not*: its presence breaks the split deployment's promise).

Both answer JSON, name no person, set no cookie (they read no session and issue no CSRF
token) and count in no rate limit. deploy/nginx serves them to localhost and the monitoring
network only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from vigie.core.keys import CHANNEL_LAYER_KEY

# Key files each role needs (vigie.core.keys); "all" is the embedded default, one host.
_PRIVATE_KEYS = ("reports.key", "blind_index.key", "audit.key", "audit_signing.key")
ROLE_KEYS: dict[str, tuple[str, ...]] = {
    "public": ("reports.pub",),
    "backoffice": ("reports.pub", *_PRIVATE_KEYS),
    "all": ("reports.pub", *_PRIVATE_KEYS),
}
# Keys an intake host must never hold.
FORBIDDEN_KEYS: dict[str, tuple[str, ...]] = {"public": _PRIVATE_KEYS}


def expected_keys() -> tuple[str, ...]:
    names = ROLE_KEYS[settings.VIGIE_INTERFACE]
    if not settings.VIGIE_SECRET_KEY_FROM_ENV:
        names = (*names, "secret_key")
    if settings.VIGIE_REDIS_URL:
        names = (*names, CHANNEL_LAYER_KEY)
    return names


def check_keys() -> dict[str, Any]:
    keys_dir = settings.KEYS_DIR
    missing = sorted(name for name in expected_keys() if not (keys_dir / name).is_file())
    unexpected = sorted(
        name
        for name in FORBIDDEN_KEYS.get(settings.VIGIE_INTERFACE, ())
        if (keys_dir / name).exists()
    )
    result: dict[str, Any] = {"ok": not missing and not unexpected}
    if missing:
        result["missing"] = missing
    if unexpected:
        result["unexpected"] = unexpected
    return result


def check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "not ready"; the class name says which
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


def check_redis() -> dict[str, Any] | None:
    if not settings.VIGIE_REDIS_URL:
        return None
    import redis

    try:
        client = redis.Redis.from_url(
            settings.VIGIE_REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        try:
            client.ping()
        finally:
            client.close()
    except Exception as error:  # any failure means "not ready"
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


@never_cache
def alive(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    checks: dict[str, Any] = {"database": check_database(), "keys": check_keys()}
    redis_check = check_redis()
    if redis_check is not None:
        checks["redis"] = redis_check
    ok = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {
            "status": "ok" if ok else "unavailable",
            "role": settings.VIGIE_INTERFACE,
            "checks": checks,
        },
        status=200 if ok else 503,
    )
