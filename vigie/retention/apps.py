from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "vigie.retention"
    label = "retention"
    verbose_name = "Conservation et purge"
