"""Citizen site. Nothing here can route to the back office."""

from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("vigie.web.public.urls")),
]
