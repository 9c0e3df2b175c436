"""The cell's dispatch pages (issue 13), mounted under `transmissions/`."""

from django.urls import path

from vigie.web.backoffice.operations import views

app_name = "operations"

urlpatterns = [
    path("", views.dispatch_list, name="list"),
    path("dossier/<uuid:public_id>/", views.new_from_dossier, name="new_from_dossier"),
    path("signalement/<uuid:public_id>/", views.new_from_report, name="new_from_report"),
    path("<uuid:public_id>/", views.dispatch_detail, name="detail"),
    path("<uuid:public_id>/repondre/", views.answer, name="answer"),
    path("<uuid:public_id>/contact/<int:position>/", views.share, name="share_contact"),
    path("<uuid:public_id>/cloture-citoyen/", views.close_citizen, name="close_citizen"),
]
