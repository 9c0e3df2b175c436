from django.urls import path

from vigie.web.public import follow_up, views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("signaler/", views.report, name="report"),
    path("suivi/", follow_up.follow_up, name="follow_up"),
]
