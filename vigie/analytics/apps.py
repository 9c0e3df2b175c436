from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "vigie.analytics"
    label = "analytics"
    verbose_name = "Chiffres et alertes"
