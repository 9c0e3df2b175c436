"""API v1 (issue 4): filled by vigie.web.api."""

urlpatterns: list[object] = []
