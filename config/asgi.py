"""ASGI entry point: HTTP through Django, WebSockets through Channels.

The whole application is wrapped in ScrubClientMetadata: outside the back office, no client
address or user agent ever reaches Django, Channels or a log.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.run")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402  # after Django setup
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from vigie.core.privacy import ScrubClientMetadata  # noqa: E402

websocket_urlpatterns: list[object] = []

# Where the back office lives in this process (agents' requests keep their metadata).
_backoffice_prefix = {
    "all": "/" + settings.VIGIE_BACKOFFICE_PREFIX,
    "backoffice": "/",
}.get(settings.VIGIE_INTERFACE)

application = ScrubClientMetadata(
    ProtocolTypeRouter(
        {
            "http": django_asgi_app,
            "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
        }
    ),
    keep_for_prefix=_backoffice_prefix,
)
