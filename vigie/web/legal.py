"""The statements the law asks of a public service: accessibility, legal notice, personal data.

Static pages served by both interfaces, each in its own frame: every URLconf includes
`legal.urls(base=...)` with its base template (and its namespace).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path, reverse
from django.views.decorators.http import require_GET

PAGES = {
    "accessibility": ("accessibilite/", "legal/accessibility.html"),
    "legal_notice": ("mentions-legales/", "legal/legal_notice.html"),
    "personal_data": ("donnees-personnelles/", "legal/personal_data.html"),
}


@require_GET
def page(request: HttpRequest, *, template: str, base: str) -> HttpResponse:
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    context = {
        "base_template": base,
        "links": {name: reverse(f"{namespace}:{name}") for name in PAGES},
        "operator": settings.VIGIE_OPERATOR,
        "hosting": settings.VIGIE_HOSTING,
    }
    return render(request, template, context)


def urls(*, base: str, namespace: str) -> tuple[list[URLPattern], str]:
    """The pages, framed by `base`, for `include()` under `namespace`."""
    patterns = [
        path(route, page, {"template": template, "base": base}, name=name)
        for name, (route, template) in PAGES.items()
    ]
    return patterns, namespace
