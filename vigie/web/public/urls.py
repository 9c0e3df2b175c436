from django.urls import path

from vigie.web.public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("signaler/", views.report, name="report"),
    path("suivi/", views.follow_up, name="follow_up"),
]
