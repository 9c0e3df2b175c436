"""ASGI entry point: HTTP through Django, WebSockets through Channels.

The whole application is wrapped in ScrubClientMetadata: outside the back office, no client
address or user agent ever reaches Django, Channels or a log.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.run")
django.setup(set_prefix=False)

from vigie.core.bodylimit import BodyLimit, SpoolingASGIHandler  # noqa: E402  # after setup

django_asgi_app = SpoolingASGIHandler()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402  # after Django setup
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from vigie.chat.routing import agent_routes, citizen_routes  # noqa: E402
from vigie.core import collector  # noqa: E402
from vigie.core.privacy import ScrubClientMetadata  # noqa: E402
from vigie.geo import reference  # noqa: E402
from vigie.notifications.routing import agent_routes as notification_routes  # noqa: E402

# The agent socket lives under the back-office prefix (so it keeps its metadata and its
# session), the citizen socket outside it (scrubbed like every public request).
websocket_urlpatterns: list[object] = {
    "all": [
        *agent_routes(settings.VIGIE_BACKOFFICE_PREFIX),
        *notification_routes(settings.VIGIE_BACKOFFICE_PREFIX),
        *citizen_routes(),
    ],
    "public": citizen_routes(),
    "backoffice": [*agent_routes(""), *notification_routes("")],
}[settings.VIGIE_INTERFACE]

# Where the back office lives in this process (agents' requests keep their metadata).
_backoffice_prefix = {
    "all": "/" + settings.VIGIE_BACKOFFICE_PREFIX,
    "backoffice": "/",
}.get(settings.VIGIE_INTERFACE)

application = ScrubClientMetadata(
    BodyLimit(
        ProtocolTypeRouter(
            {
                "http": django_asgi_app,
                "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
            }
        )
    ),
    keep_for_prefix=_backoffice_prefix,
)

if settings.VIGIE_PRELOAD_GEOGRAPHY:
    # Every outline read now, so a server's memory does not grow with each new département.
    reference.load_all()

if settings.VIGIE_GC_FREEZE:
    # Thousands of open sockets make a big heap that lives as long as they do: full
    # collections walk only what changed since the last one (vigie/core/collector.py).
    collector.install()
