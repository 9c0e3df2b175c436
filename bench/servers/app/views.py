import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from app.models import Report


@require_GET
def page(request: HttpRequest) -> HttpResponse:
    """A small server-rendered page: one SQLite query and a ~2 KB template."""
    reports = list(Report.objects.order_by("-id")[:8])
    return render(request, "app/page.html", {"reports": reports})


@csrf_exempt
@require_POST
def create_report(request: HttpRequest) -> JsonResponse:
    """JSON POST endpoint inserting one row."""
    try:
        data = json.loads(request.body)
        title = str(data["title"])[:200]
        body = str(data.get("body", ""))[:2000]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "bad request"}, status=400)
    report = Report.objects.create(title=title, body=body)
    return JsonResponse({"id": report.pk}, status=201)


@require_GET
def whoami(request: HttpRequest) -> JsonResponse:
    """Privacy probe only: which client address does Django receive from the server?"""
    return JsonResponse({"remote_addr": request.META.get("REMOTE_ADDR")})
