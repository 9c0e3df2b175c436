"""HTTP response hardening shared by both interfaces, and a middleware chain without thread hops.

Under ASGI, Django runs a synchronous middleware (or a ``MiddlewareMixin`` hook) through
``sync_to_async``: two thread switches per middleware and per request, about half of a
submission's server time before this module (bench/api). Every middleware of
settings.MIDDLEWARE is therefore async-capable and runs its hooks on the event loop when they
do no I/O; a hook goes to a thread only when it must touch the database or read a body (an
agent's session saved, CSRF reading a posted form, a static file read from disk). The hooks
themselves are Django's (or WhiteNoise's), unchanged: same checks, same headers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.contrib.messages import middleware as messages_middleware
from django.contrib.sessions import middleware as sessions_middleware
from django.http import HttpRequest, HttpResponse
from django.middleware import clickjacking, common, csrf, locale, security
from whitenoise.middleware import WhiteNoiseMiddleware

from vigie.core.chain import AsyncCapable

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


class SecurityHeadersMiddleware(AsyncCapable):
    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        self.follow_chain_mode()

    def sync_call(self, request: HttpRequest) -> HttpResponse:
        return self.add_headers(self.get_response(request))

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        return self.add_headers(await self.get_response(request))

    @staticmethod
    def add_headers(response: HttpResponse) -> HttpResponse:
        response.headers.setdefault("Content-Security-Policy", content_security_policy())
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


# --------------------------------------------------------------------------- Django's own


class InlineHooks:
    """For a Django ``MiddlewareMixin`` whose hooks do no I/O: under ASGI they run on the event
    loop (Django's own ``__acall__`` sends each one to a thread). Subclasses that may touch
    the database in a hook say when (`request_needs_thread`, `response_needs_thread`)."""

    get_response: Callable[[HttpRequest], Any]

    def request_needs_thread(self, request: HttpRequest) -> bool:
        return False

    def response_needs_thread(self, request: HttpRequest, response: HttpResponse) -> bool:
        return False

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        response = None
        process_request = getattr(self, "process_request", None)
        if process_request is not None:
            if self.request_needs_thread(request):
                response = await sync_to_async(process_request)(request)
            else:
                response = process_request(request)
        response = response or await self.get_response(request)
        process_response = getattr(self, "process_response", None)
        if process_response is not None:
            if self.response_needs_thread(request, response):
                return await sync_to_async(process_response)(request, response)
            return process_response(request, response)
        return response


class SecurityMiddleware(InlineHooks, security.SecurityMiddleware):
    pass


class LocaleMiddleware(InlineHooks, locale.LocaleMiddleware):
    pass


class CommonMiddleware(InlineHooks, common.CommonMiddleware):
    pass


class XFrameOptionsMiddleware(InlineHooks, clickjacking.XFrameOptionsMiddleware):
    pass


class AuthenticationMiddleware(InlineHooks, auth_middleware.AuthenticationMiddleware):
    """request.user stays lazy: nothing is read until a view asks."""


class SessionMiddleware(InlineHooks, sessions_middleware.SessionMiddleware):
    """The session is lazy; saving it (an agent's, never a citizen's) is a database write.
    Read but unchanged, it only adds ``Vary: Cookie``: on the loop."""

    def response_needs_thread(self, request: HttpRequest, response: HttpResponse) -> bool:
        session = getattr(request, "session", None)
        if session is None:
            return False
        return session.modified or (settings.SESSION_SAVE_EVERY_REQUEST and session.accessed)


class MessageMiddleware(InlineHooks, messages_middleware.MessageMiddleware):
    """Storing messages may load the session (the database): only when some were used."""

    def response_needs_thread(self, request: HttpRequest, response: HttpResponse) -> bool:
        storage = getattr(request, "_messages", None)
        return storage is not None and (storage.used or storage.added_new)


_SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")  # as CsrfViewMiddleware.process_view


class CsrfViewMiddleware(InlineHooks, csrf.CsrfViewMiddleware):
    """The token check reads a posted form (the body, perhaps files being spooled): a thread
    then; an exempt view (the JSON API) or a safe method is decided on the loop."""

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        super().__init__(get_response)
        if self.async_mode:
            # Django adapts a sync process_view with sync_to_async, a coroutine one it awaits.
            self.process_view = self._process_view_async  # type: ignore[method-assign]

    async def _process_view_async(
        self, request: HttpRequest, callback: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        check = super().process_view
        if getattr(callback, "csrf_exempt", False) or request.method in _SAFE_METHODS:
            return check(request, callback, args, kwargs)
        return await sync_to_async(check)(request, callback, args, kwargs)


class StaticFilesMiddleware(AsyncCapable, WhiteNoiseMiddleware):
    """WhiteNoise, async-capable: any other request passes on after a dictionary lookup; a
    static file is read in a thread and handed to the server whole (Django would otherwise
    consume WhiteNoise's synchronous file iterator itself, with a warning). Production serves
    /static/ from the reverse proxy (deploy/nginx) and never reaches this."""

    def __init__(self, get_response: Callable[[HttpRequest], Any], settings: Any = settings):
        WhiteNoiseMiddleware.__init__(self, get_response, settings)
        self.follow_chain_mode()

    def sync_call(self, request: HttpRequest) -> Any:
        return WhiteNoiseMiddleware.__call__(self, request)

    async def __acall__(self, request: HttpRequest) -> Any:
        if self.autorefresh:  # DEBUG: looked up on disk each time
            static_file = await sync_to_async(self.find_file)(request.path_info)
        else:
            static_file = self.files.get(request.path_info)
        if static_file is None:
            return await self.get_response(request)
        return await sync_to_async(self._serve_read)(static_file, request)

    def _serve_read(self, static_file: Any, request: HttpRequest) -> HttpResponse:
        response = self.serve(static_file, request)
        chunks = list(response.streaming_content)  # the file, read here in the thread

        async def content() -> Any:
            for chunk in chunks:
                yield chunk

        response.streaming_content = content()
        return response
