"""A unit officer's field reports (« remontée terrain »), mounted under `terrain/`."""

from django.urls import path

from vigie.web.backoffice.field import views

app_name = "field"

urlpatterns = [
    path("", views.field_report_list, name="list"),
    path("nouvelle/", views.new_field_report, name="new"),
    path("<uuid:public_id>/", views.field_report_detail, name="detail"),
    path("departement.geojson", views.outline, name="outline"),
]
