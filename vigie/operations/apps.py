from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "vigie.operations"
    label = "operations"
