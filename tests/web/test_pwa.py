"""The installable app: manifest, icons, a service worker that never stores a report."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image

from vigie.web.public.pwa import SERVICE_WORKER

pytestmark = pytest.mark.django_db


def test_the_manifest_makes_the_site_installable(client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/"
    assert manifest["lang"] == "fr"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        path = finders.find(icon["src"].removeprefix(settings.STATIC_URL))
        assert path, icon["src"]
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"]


def test_every_page_links_the_manifest(client) -> None:
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html


def test_the_service_worker_is_served_at_the_root_for_the_whole_site(client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    source = response.content.decode()
    shell = json.loads(re.search(r"const SHELL = (\[.*?\]);", source).group(1))
    assert shell and all(path.startswith(settings.STATIC_URL) for path in shell)
    for path in shell:
        assert finders.find(path.removeprefix(settings.STATIC_URL)), path
    assert '"/hors-ligne/"' in source


def test_the_service_worker_stores_static_assets_only() -> None:
    """The rule that keeps reports off the phone: one cache.put, behind isStaticAsset."""
    fetch_handler = SERVICE_WORKER[SERVICE_WORKER.index('addEventListener("fetch"') :]
    assert fetch_handler.count("cache.put(") == 1
    static_branch = fetch_handler[: fetch_handler.index("return;\n  }\n  if (request.mode")]
    assert "if (isStaticAsset(url))" in static_branch and "cache.put(" in static_branch
    # Form posts go straight to the network, before anything else.
    assert fetch_handler.index('request.method !== "GET"') < fetch_handler.index("isStaticAsset")
    # Pages: network, with the offline page when down; never put in the cache.
    navigation = fetch_handler[fetch_handler.index('request.mode === "navigate"') :]
    assert "fetch(request).catch(() => caches.match(OFFLINE_URL))" in navigation
    assert "cache.put" not in navigation
    # The install step caches the shell and the offline page, nothing else.
    assert "cache.addAll([...SHELL, OFFLINE_URL])" in SERVICE_WORKER


def test_the_offline_page_holds_the_emergency_numbers(client) -> None:
    response = client.get(reverse("public:offline"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="tel:17"' in html and 'href="sms:114"' in html


def test_report_pages_are_never_cached(client) -> None:
    assert client.get(reverse("public:report"))["Cache-Control"] == "no-store"


def test_the_content_policy_allows_the_worker_and_no_tile_server_by_default(client) -> None:
    policy = client.get("/")["Content-Security-Policy"]
    assert "worker-src 'self'" in policy
    assert "img-src 'self' data: blob:;" in policy


def test_a_configured_tile_server_is_allowed_for_images_only(client, settings) -> None:
    settings.MAP_TILE_URL = "https://{s}.tuiles.example.fr/{z}/{x}/{y}.png"
    policy = client.get("/")["Content-Security-Policy"]
    assert "img-src 'self' data: blob: https://*.tuiles.example.fr;" in policy
    assert policy.count("tuiles.example.fr") == 1
    html = client.get(reverse("public:report")).content.decode()
    assert 'data-tile-url="https://{s}.tuiles.example.fr/{z}/{x}/{y}.png"' in html


def test_the_map_outlines_are_served_with_a_long_cache(client) -> None:
    response = client.get(reverse("public:departements_geojson"))
    assert response.status_code == 200
    assert "max-age=604800" in response["Cache-Control"]
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert {"25", "39", "2A"} <= {feature["id"] for feature in data["features"]}


def test_the_back_office_is_not_part_of_the_installable_citizen_app(client) -> None:
    page = client.get(reverse("backoffice:login")).content.decode()
    assert 'rel="manifest"' not in page
    citizen = client.get(reverse("public:home")).content.decode()
    # Exactly one, ours: browsers take the first manifest link.
    assert re.findall(r'rel="manifest"[^>]*', citizen) == [
        'rel="manifest" href="/manifest.webmanifest"'
    ]
