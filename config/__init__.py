"""Django project wiring only: settings, URL configurations, ASGI/WSGI entry points."""
