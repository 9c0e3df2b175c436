"""Outcomes (issue 13), mounted under `suites/`."""

from django.urls import path

from vigie.web.backoffice.outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("dossier/<uuid:public_id>/", views.record_on_dossier, name="record_on_dossier"),
    path("signalement/<uuid:public_id>/", views.record_on_report, name="record_on_report"),
]
