"""A unit member's space (issue 13), mounted under `espace/unite/`; its home is
`backoffice:unit_space` (the role's landing page)."""

from django.urls import path

from vigie.web.backoffice.operations import unit

app_name = "unit"

urlpatterns = [
    path("transmissions/<uuid:public_id>/", unit.detail, name="detail"),
    path("transmissions/<uuid:public_id>/accuser/", unit.acknowledge, name="acknowledge"),
    path("transmissions/<uuid:public_id>/question/", unit.question, name="question"),
    path("transmissions/<uuid:public_id>/note/", unit.note, name="note"),
    path("transmissions/<uuid:public_id>/rendre/", unit.give_back, name="hand_back"),
    path("transmissions/<uuid:public_id>/cloturer/", unit.close, name="close"),
    path("transmissions/<uuid:public_id>/suites/", unit.outcomes, name="outcomes"),
    path(
        "transmissions/<uuid:public_id>/pieces/<uuid:file_id>/",
        unit.evidence_file,
        name="evidence_file",
    ),
    path(
        "transmissions/<uuid:public_id>/pieces/<uuid:file_id>/vignette/",
        unit.evidence_thumbnail,
        name="evidence_thumbnail",
    ),
]
