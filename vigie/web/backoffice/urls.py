from django.urls import path

from vigie.web.backoffice import evidence, views
from vigie.web.backoffice.auth.urls import urlpatterns as login_patterns

app_name = "backoffice"

urlpatterns = [
    *login_patterns,
    path("", views.triage, name="triage"),
    path("signalements/<uuid:public_id>/", views.report_detail, name="report_detail"),
    path("signalements/<uuid:public_id>/qualifier/", views.qualify, name="qualify"),
    path("signalements/<uuid:public_id>/repondre/", views.reply, name="reply"),
    path("fichiers/<uuid:public_id>/", evidence.evidence_file, name="evidence_file"),
    path(
        "fichiers/<uuid:public_id>/vignette/",
        evidence.evidence_thumbnail,
        name="evidence_thumbnail",
    ),
]
