import pytest
from django.db import connection
from django.urls import reverse

from vigie.reports.models import Report

pytestmark = pytest.mark.django_db

URL = reverse("public:report")
DESCRIPTION = "Deux vendeurs devant le hall B tous les soirs vers 19h, un guetteur au parking."


def _post(client, **overrides):
    data = {
        "category": "point_de_deal",
        "commune": "Besançon",
        "address": "12 rue de Dole",
        "description": DESCRIPTION,
        "submission_id": "7d0c2f0e-5b7a-4a53-9a39-0f3f3c1b2a10",
    }
    data.update(overrides)
    return client.post(URL, {key: value for key, value in data.items() if value is not None})


def test_the_form_is_served_without_javascript_requirements(client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="post"' in html
    assert 'name="description"' in html


def test_a_complete_report_gives_a_receipt(client) -> None:
    response = _post(client)
    assert response.status_code == 200
    report = Report.objects.get()
    html = response.content.decode()
    assert report.reference in html
    assert 'data-testid="secret"' in html
    assert response.headers["Cache-Control"] == "no-store"
    assert report.commune_id == "25056"


def test_a_missing_place_is_explained_and_nothing_typed_is_lost(client) -> None:
    response = _post(client, commune="", address="")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Indiquez où cela se passe" in html
    assert DESCRIPTION in html
    assert 'value="point_de_deal" checked' in html or "checked" in html
    assert not Report.objects.exists()


def test_an_unknown_commune_is_explained_and_the_typed_name_kept(client) -> None:
    response = _post(client, commune="Trifouilly-les-Oies")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Nous ne trouvons pas la commune « Trifouilly-les-Oies »" in html
    assert 'value="Trifouilly-les-Oies"' in html
    assert DESCRIPTION in html


def test_a_50000_character_text_is_refused_politely_and_kept_whole(client) -> None:
    text = ("Vente tous les soirs au hall B. " * 1600)[:50_000]
    response = _post(client, description=text)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Votre texte fait 50 000 caractères ; la limite est de 8000." in html
    assert text in html
    assert not Report.objects.exists()


def test_a_shared_postcode_asks_the_citizen_to_choose(client) -> None:
    response = _post(client, commune="25390")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Plusieurs communes correspondent" in html
    choices = response.context["form"].fields["commune_code"].widget.choices
    chosen = choices[0][0]
    response = _post(client, commune="25390", commune_code=chosen)
    assert response.status_code == 200
    assert Report.objects.get().commune_id == chosen


def test_a_point_alone_is_enough_to_place_the_report(client) -> None:
    response = _post(client, commune="", latitude="47.2380", longitude="6.0243")
    assert response.status_code == 200
    assert Report.objects.get().departement_id == "25"


def test_a_point_outside_france_is_refused(client) -> None:
    response = _post(client, commune="", latitude="40.0", longitude="-40.0")
    assert response.status_code == 422
    assert "Ce point n’est pas en France." in response.content.decode()


def test_submitting_a_report_stores_no_ip_address_or_user_agent(client) -> None:
    ip, agent = "198.51.100.23", "Mozilla/5.0 (Linux; Android 14) VigieTestBrowser/1.0"
    response = client.post(
        URL,
        {
            "category": "point_de_deal",
            "commune": "Besançon",
            "description": DESCRIPTION,
            "submission_id": "0d3c2f0e-5b7a-4a53-9a39-0f3f3c1b2a11",
        },
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT=agent,
        HTTP_X_FORWARDED_FOR=ip,
    )
    assert response.status_code == 200
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith(
                ("geo_", "django_migrations", "django_content_type", "auth_permission")
            ):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608  # table names come from introspection
            dump = repr(cursor.fetchall())
            assert ip not in dump, table
            assert "VigieTestBrowser" not in dump, table
