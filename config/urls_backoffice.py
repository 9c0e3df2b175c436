"""Cell back office, served alone on its own host in a split deployment."""

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("vigie.web.backoffice.urls")),
]
