from django.urls import path

from vigie.web.public import follow_up, pwa, receipts, views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("signaler/", views.report, name="report"),
    path("carte/departements.geojson", views.departements_geojson, name="departements_geojson"),
    path("carte/communes/<str:code>.geojson", views.commune_geojson, name="commune_geojson"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("hors-ligne/", pwa.offline, name="offline"),
    path("suivi/", follow_up.follow_up, name="follow_up"),
    path("suivi/ecrire/", follow_up.write, name="follow_up_write"),
    path("suivi/completer/", follow_up.complete, name="follow_up_complete"),
    path("recepisse/telecharger/", receipts.download_receipt, name="receipt_download"),
]
