from django.urls import path

from vigie.web.backoffice import evidence, notifications, report_list, views
from vigie.web.backoffice.auth.urls import urlpatterns as login_patterns
from vigie.web.backoffice.operations import unit

app_name = "backoffice"

urlpatterns = [
    *login_patterns,
    path("", views.triage, name="triage"),
    path("signalements/", report_list.report_list, name="report_list"),
    path("espace/unite/", unit.space, name="unit_space"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/lues/", notifications.mark_all_read, name="notifications_read"),
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
