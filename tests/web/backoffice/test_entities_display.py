"""Issue 9 item 8: the back office shows plates and phone numbers normalised."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import AgentFactory
from vigie.geo.models import Commune
from vigie.reports.content import Identifier, ReportContent, Vehicle
from vigie.reports.services import submit_report

pytestmark = pytest.mark.django_db


def test_plates_and_phones_are_shown_normalised_next_to_what_was_typed(client) -> None:
    commune = Commune.objects.select_related("departement").get(code="25056")
    doubs = submit_report(
        category="point_de_deal",
        departement=commune.departement,
        commune=commune,
        content=ReportContent(
            description="Vente au 12 rue de Dole tous les soirs.",
            vehicles=(Vehicle(kind="voiture", plate="ab123cd"),),
            identifiers=(Identifier(kind="phone", value="0612345678"),),
        ),
    ).report
    client.force_login(AgentFactory(analyst=True))
    html = client.get(reverse("backoffice:report_detail", args=[doubs.public_id])).content.decode()
    assert "<code>AB-123-CD</code>" in html and "saisi : ab123cd" in html
    assert "<code>+33 6 12 34 56 78</code>" in html and "saisi : 0612345678" in html
