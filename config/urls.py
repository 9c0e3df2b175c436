"""Root URLconf: which interfaces this process serves is set by VIGIE_INTERFACE."""

from django.conf import settings
from django.urls import include, path

from config.urls_backoffice import backoffice_patterns

if settings.VIGIE_INTERFACE == "public":
    urlpatterns = [path("", include("config.urls_public"))]
elif settings.VIGIE_INTERFACE == "backoffice":
    urlpatterns = [path("", include("config.urls_backoffice"))]
else:
    urlpatterns = [
        path(settings.VIGIE_BACKOFFICE_PREFIX, include(backoffice_patterns)),
        path("", include("config.urls_public")),
    ]
