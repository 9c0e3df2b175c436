from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "vigie.web.backoffice"
    label = "web_backoffice"

    def ready(self) -> None:
        # Every login starts the session clocks (vigie.web.backoffice.auth.session).
        from vigie.web.backoffice.auth import session  # noqa: F401  # connects its receiver
