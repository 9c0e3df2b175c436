from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "vigie.audit"
    label = "audit"
    verbose_name = "Journal d’audit"

    def ready(self) -> None:
        from vigie.audit import receivers  # noqa: F401  # connects the signal receivers
