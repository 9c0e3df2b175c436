"""Citizen side of the live chat (issue 5)."""

from django.urls import path

from vigie.web.public.chat import views

app_name = "chat"

urlpatterns = [
    path("", views.start, name="start"),
    path("fil/", views.thread, name="thread"),
]
