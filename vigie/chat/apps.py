from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "vigie.chat"
    label = "chat"
    verbose_name = "Discussions en direct"
