"""Agent console of the live chat (issue 5)."""

app_name = "console"

urlpatterns: list[object] = []
