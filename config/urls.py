"""Root URLconf: which interfaces this process serves is set by VIGIE_INTERFACE."""

from django.conf import settings
from django.urls import include, path

if settings.VIGIE_INTERFACE == "public":
    urlpatterns = [path("", include("config.urls_public"))]
elif settings.VIGIE_INTERFACE == "backoffice":
    urlpatterns = [path("", include("config.urls_backoffice"))]
else:
    urlpatterns = [
        path(settings.VIGIE_BACKOFFICE_PREFIX, include("vigie.web.backoffice.urls")),
        path("", include("config.urls_public")),
    ]
