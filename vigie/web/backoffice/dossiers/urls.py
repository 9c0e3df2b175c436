"""Dossiers, entities, watchlists and the map (issue 11), mounted under `dossiers/`."""

from django.urls import path

from vigie.web.backoffice.dossiers import views

app_name = "dossiers"

urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("<uuid:public_id>/", views.dossier_detail, name="detail"),
    path("<uuid:public_id>/statut/", views.update, name="update"),
    path("<uuid:public_id>/lien/", views.decide, name="decide"),
    path("<uuid:public_id>/fusion/", views.merge, name="merge"),
    path("<uuid:public_id>/scission/", views.split, name="split"),
    path("entite/", views.entity, name="entity"),
    path("surveillances/", views.watchlists, name="watchlists"),
    path("surveillances/<uuid:public_id>/arreter/", views.stop_watching, name="stop_watching"),
    path("carte/", views.cell_map, name="map"),
    path("carte/donnees.json", views.map_data, name="map_data"),
    path("carte/departement/<str:code>.geojson", views.outline, name="outline"),
]
