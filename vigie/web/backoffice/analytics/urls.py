"""Figures pages (issue 14), mounted under `chiffres/`."""

from django.urls import path

from vigie.web.backoffice.analytics import views

app_name = "analytics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("note.<str:extension>", views.brief, name="brief"),
    path("national/", views.national, name="national"),
    path("departement/<str:code>/", views.departement, name="departement"),
    path("alertes/", views.alerts, name="alerts"),
    path("alertes/<uuid:public_id>/", views.alert_detail, name="alert"),
]
