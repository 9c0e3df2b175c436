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

import os
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from vigie.core import keys
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


def _current_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """The version-1 names above, as the current version's files (after a rotation,
    ``reports.v2.pub``…; see vigie.core.keys)."""
    keys_dir = settings.KEYS_DIR
    out = []
    for name in names:
        kind, _dot, suffix = name.partition(".")
        if kind in (keys.REPORTS, keys.BLIND_INDEX):
            try:
                version = keys.current_version(keys_dir, kind)
            except keys.MissingKeyError:
                version = 1
            name = keys.key_file_name(kind, version, "." + suffix)
        out.append(name)
    return tuple(out)


def expected_keys() -> tuple[str, ...]:
    names = _current_names(ROLE_KEYS[settings.VIGIE_INTERFACE])
    if not settings.VIGIE_SECRET_KEY_FROM_ENV:
        names = (*names, "secret_key")
    if settings.VIGIE_REDIS_URL:
        names = (*names, CHANNEL_LAYER_KEY)
    return names


def check_keys() -> dict[str, Any]:
    keys_dir = settings.KEYS_DIR
    missing = sorted(name for name in expected_keys() if not (keys_dir / name).is_file())
    forbidden = FORBIDDEN_KEYS.get(settings.VIGIE_INTERFACE, ())
    unexpected = (
        sorted(
            name
            for name in os.listdir(keys_dir)
            if any(_same_kind(name, forbidden_name) for forbidden_name in forbidden)
        )
        if keys_dir.is_dir()
        else []
    )
    result: dict[str, Any] = {"ok": not missing and not unexpected}
    if missing:
        result["missing"] = missing
    if unexpected:
        result["unexpected"] = unexpected
    rotation = check_rotation()
    if rotation:
        result.update(rotation)
        result["ok"] = result["ok"] and not rotation.get("retired")
    return result


def _same_kind(name: str, forbidden: str) -> bool:
    """``reports.v3.key`` is forbidden wherever ``reports.key`` is."""
    kind, _dot, suffix = forbidden.partition(".")
    if kind not in (keys.REPORTS, keys.BLIND_INDEX):
        return name == forbidden
    return name == forbidden or (name.startswith(kind + ".v") and name.endswith("." + suffix))


def check_rotation() -> dict[str, Any]:
    """On a host that seals without the private key (the intake): is its report public key
    the back office's newest? If not, name the file to copy; once the back office has
    retired this host's version, the host is not ready (it would refuse every report)."""
    if settings.VIGIE_INTERFACE != "public":
        return {}
    from vigie.core.models import KeyKind, KeyRotation

    try:
        local = keys.current_version(settings.KEYS_DIR, keys.REPORTS)
    except keys.MissingKeyError:
        return {}
    try:
        rotations = list(
            KeyRotation.objects.filter(kind=KeyKind.REPORTS, to_version__gt=local).order_by(
                "to_version"
            )
        )
    except DatabaseError:
        return {}  # the database check says so
    if not rotations:
        return {}
    newest = rotations[-1].to_version
    return {
        "copy": keys.key_file_name(keys.REPORTS, newest, keys.PUBLIC_SUFFIX),
        "retired": any(r.finished_at is not None for r in rotations),
    }


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
