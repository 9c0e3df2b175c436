from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "vigie.web.backoffice"
    label = "web_backoffice"
