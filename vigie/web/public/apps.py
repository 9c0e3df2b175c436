from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "vigie.web.public"
    label = "web_public"
