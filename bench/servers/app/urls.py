from django.urls import path

from app import views

urlpatterns = [
    path("", views.page, name="page"),
    path("api/reports", views.create_report, name="create-report"),
    path("whoami", views.whoami, name="whoami"),
]
