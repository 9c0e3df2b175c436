"""API v1, mounted at /api/v1/ by config/urls_public.py."""

from vigie.web.api import reports, tools
from vigie.web.api.base import api

api.add_router("", reports.router)
api.add_router("", tools.router)

urlpatterns = [*api.urls[0]]
app_name = "api-v1"
