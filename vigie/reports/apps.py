from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "vigie.reports"
    label = "reports"
    verbose_name = "Signalements"
