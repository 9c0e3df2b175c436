"""The footer and the statements the law asks of a public service, on both interfaces."""

from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db

INSTITUTIONS = [
    "https://www.info.gouv.fr",
    "https://www.service-public.fr",
    "https://www.legifrance.gouv.fr",
    "https://www.data.gouv.fr",
]


def _footer(html: str) -> str:
    return re.search(r"<footer.*?</footer>", html, re.DOTALL).group(0)


def _link(footer: str, text: str) -> str:
    found = re.search(rf'<a [^>]*href="([^"]+)"[^>]*>\s*{re.escape(text)}\s*</a>', footer)
    assert found, f"no link « {text} » in the footer"
    return found.group(1)


@pytest.mark.parametrize("interface", ["public", "backoffice"])
def test_every_page_footer_states_accessibility_and_links_the_statements(client, interface) -> None:
    if interface == "backoffice":
        client.force_login(AgentFactory())
        page, namespace = reverse("backoffice:triage"), "backoffice_legal"
    else:
        page, namespace = reverse("public:home"), "legal"
    footer = _footer(client.get(page, follow=True).content.decode())
    assert _link(footer, "Accessibilité : non conforme") == reverse(f"{namespace}:accessibility")
    assert _link(footer, "Mentions légales") == reverse(f"{namespace}:legal_notice")
    assert _link(footer, "Données personnelles") == reverse(f"{namespace}:personal_data")
    for address in INSTITUTIONS:
        assert f'href="{address}"' in footer
    for name in ("accessibility", "legal_notice", "personal_data"):
        response = client.get(reverse(f"{namespace}:{name}"))
        assert response.status_code == 200
        # Each interface keeps its own frame: the back office's pages stay in the back office.
        html = response.content.decode()
        assert ("anonymement et en sécurité" in html) is (interface == "public")
        assert ("fr-badge--blue-ecume" in html) is (interface == "backoffice")


def test_the_accessibility_statement_follows_the_rgaa_model_and_says_non_conforme(client) -> None:
    html = client.get(reverse("legal:accessibility")).content.decode()
    for expected in (
        "article 47 de la loi n° 2005-102 du 11 février 2005",
        "Vigie est non conforme avec le référentiel général d’amélioration de l’accessibilité "
        "(RGAA), version 4.1.",
        "Aucun audit de conformité n’a encore été réalisé",
        "Non-conformités connues",
        "Dérogations pour charge disproportionnée",
        "Contenus non soumis à l’obligation d’accessibilité",
        "Retour d’information et contact",
        "Voies de recours",
        "Défenseur des droits",
        "Libre réponse 71120",
    ):
        assert expected in html, expected
    assert "partiellement conforme" not in html
    assert f'href="{reverse("chat:start")}"' in html  # feedback through the platform itself


def test_the_personal_data_page_says_what_is_and_is_not_recorded(client) -> None:
    html = client.get(reverse("legal:personal_data")).content.decode()
    not_collected = re.search(r'data-testid="not-collected">(.*?)</ul>', html, re.DOTALL).group(1)
    assert "Ni votre adresse IP ni les informations de votre appareil" in not_collected
    assert "métadonnées" in not_collected
    assert "empreinte (SHA-256)" in not_collected
    collected = re.search(r'data-testid="collected">(.*?)</ul>', html, re.DOTALL).group(1)
    assert "chiffrés (X25519 et AES-256-GCM)" in collected
    assert "Le récépissé" in collected
    for section in ("Cookies", "Durée de conservation", "Vos droits", "Responsable du traitement"):
        assert f"<h2>{section}</h2>" in html
    assert "aucune suppression automatique n’est programmée" in html  # honest: no purge yet


def test_the_legal_notice_names_the_operator_or_says_there_is_none(client) -> None:
    html = client.get(reverse("legal:legal_notice")).content.decode()
    assert "Aucun exploitant n’est déclaré pour cette installation" in html
    operator = "Ministère de l’Intérieur — DGPN, place Beauvau, 75008 Paris"
    with override_settings(VIGIE_OPERATOR=operator, VIGIE_HOSTING="Hébergeur d’État"):
        html = client.get(reverse("legal:legal_notice")).content.decode()
        assert "Aucun exploitant" not in html
        assert "Hébergeur d’État" in html
        assert "Ministère de l’Intérieur — DGPN" in html
        data = client.get(reverse("legal:personal_data")).content.decode()
        assert "Ministère de l’Intérieur — DGPN" in data
