"""Citizen side of the live chat (issue 5)."""

app_name = "chat"

urlpatterns: list[object] = []
