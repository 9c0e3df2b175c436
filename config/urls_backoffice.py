"""Cell back office, served alone on its own host in a split deployment."""

from django.urls import include, path

from vigie.web import legal

# Mounted at the root of a back-office host, or under VIGIE_BACKOFFICE_PREFIX (config.urls).
backoffice_patterns = [
    path("discussions/", include("vigie.web.backoffice.chat.urls")),
    path("dossiers/", include("vigie.web.backoffice.dossiers.urls")),
    path("suites/", include("vigie.web.backoffice.outcomes.urls")),
    path("administration/", include("vigie.web.backoffice.administration.urls")),
    path("terrain/", include("vigie.web.backoffice.field.urls")),
    path("transmissions/", include("vigie.web.backoffice.operations.urls")),
    path("chiffres/", include("vigie.web.backoffice.analytics.urls")),
    path("espace/unite/", include("vigie.web.backoffice.operations.unit_urls")),
    path("", include("vigie.web.backoffice.urls")),
    path("", include(legal.urls(base="backoffice/base.html", namespace="backoffice_legal"))),
]

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    *backoffice_patterns,
]
