from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "vigie.notifications"
    label = "notifications"
