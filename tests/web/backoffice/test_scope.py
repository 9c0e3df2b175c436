import pytest
from django.urls import reverse

from tests.factories import AgentFactory
from vigie.accounts.models import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "make_agent",
    [
        pytest.param(lambda: AgentFactory(national=True), id="national"),
        pytest.param(lambda: AgentFactory(role=Role.ADMIN, cell=None), id="admin"),
        pytest.param(lambda: AgentFactory(role=Role.UNIT_MEMBER), id="unit-member"),
    ],
)
def test_agents_outside_a_cell_have_no_triage_queue(client, make_agent) -> None:
    client.force_login(make_agent())
    assert client.get(reverse("backoffice:triage")).status_code == 404
