from django.apps import AppConfig


class CrossrefConfig(AppConfig):
    name = "vigie.crossref"
    label = "crossref"
    verbose_name = "Recoupements et dossiers"
