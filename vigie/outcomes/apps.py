from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "vigie.outcomes"
    label = "outcomes"
    verbose_name = "Suites"
