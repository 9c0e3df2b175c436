"""Citizen site and API. Nothing here can route to the back office."""

from django.urls import include, path

from vigie.web import legal

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("vigie.web.api.urls")),
    path("discuter/", include("vigie.web.public.chat.urls")),
    path("", include("vigie.web.public.urls")),
    path("", include(legal.urls(base="public/base.html", namespace="legal"))),
]
