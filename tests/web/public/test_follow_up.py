import pytest
from django.urls import reverse

from tests.factories import AgentFactory, submitted_report
from vigie.reports.services import qualify_report

pytestmark = pytest.mark.django_db

URL = reverse("public:follow_up")


def test_the_right_secret_shows_the_status_without_operational_detail(client) -> None:
    submitted = submitted_report()
    qualify_report(
        report=submitted.report,
        agent=AgentFactory(analyst=True),
        qualification="exploitable",
        reason="precise_facts",
    )
    response = client.post(
        URL, {"reference": submitted.report.reference, "secret": submitted.secret}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "En cours d’analyse" in html
    assert "hall B" not in html
    assert "Lieu précis et faits vérifiables" not in html
    assert response.headers["Cache-Control"] == "no-store"


def test_a_wrong_secret_and_an_unknown_reference_get_the_same_answer(client) -> None:
    submitted = submitted_report()
    wrong_secret = client.post(
        URL, {"reference": submitted.report.reference, "secret": "AAAA-BBBB"}
    )
    unknown = client.post(URL, {"reference": "VG-0000-0000", "secret": "AAAA-BBBB"})
    assert wrong_secret.status_code == unknown.status_code == 422
    assert "Référence ou code secret incorrect" in wrong_secret.content.decode()
    assert (
        wrong_secret.context["form"].non_field_errors()
        == unknown.context["form"].non_field_errors()
    )
