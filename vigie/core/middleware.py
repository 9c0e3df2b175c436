"""HTTP response hardening shared by both interfaces."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Every page loads from this origin only: no CDN, no font host, no analytics. The one
# exception is opt-in: the map tile server of settings.MAP_TILE_URL, for images only.
CSP_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # DSFR components set a few style attributes
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
)
CONTENT_SECURITY_POLICY = "; ".join(CSP_DIRECTIVES)


def content_security_policy() -> str:
    tiles = urlsplit(settings.MAP_TILE_URL or "")
    if tiles.scheme not in ("https", "http") or not tiles.netloc:
        return CONTENT_SECURITY_POLICY
    # Leaflet's "{s}" subdomain placeholder becomes a CSP wildcard.
    origin = f"{tiles.scheme}://{tiles.netloc.replace('{s}', '*')}"
    return "; ".join(
        f"{directive} {origin}" if directive.startswith("img-src ") else directive
        for directive in CSP_DIRECTIVES
    )


PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(self), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
