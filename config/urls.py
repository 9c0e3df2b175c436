"""Root URLconf: which interfaces this process serves is set by VIGIE_INTERFACE."""

from django.conf import settings
from django.urls import include, path

from config.urls_backoffice import backoffice_patterns
from vigie.core import health, metrics

# Operations, on every interface, at the root: deploy/nginx lets only localhost and the
# monitoring network reach them; /metrics checks the caller itself too (vigie.core.metrics).
ops_patterns = [
    path("sante/vivant", health.alive, name="health_alive"),
    path("sante/pret", health.ready, name="health_ready"),
    path("metrics", metrics.metrics_view, name="metrics"),
]

if settings.VIGIE_INTERFACE == "public":
    urlpatterns = [*ops_patterns, path("", include("config.urls_public"))]
elif settings.VIGIE_INTERFACE == "backoffice":
    urlpatterns = [*ops_patterns, path("", include("config.urls_backoffice"))]
else:
    urlpatterns = [
        *ops_patterns,
        path(settings.VIGIE_BACKOFFICE_PREFIX, include(backoffice_patterns)),
        path("", include("config.urls_public")),
    ]
