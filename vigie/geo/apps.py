from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "vigie.geo"
    label = "geo"
    verbose_name = "Géographie de référence"
