import pytest
from django.urls import reverse

from tests.factories import AgentFactory
from vigie.accounts.models import Role
from vigie.accounts.permissions import landing_page

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
    agent = make_agent()
    client.force_login(agent)
    response = client.get(reverse("backoffice:triage"))
    # Sent to their own space (issue 9 item 13), never shown a queue.
    assert response.status_code == 302
    assert response.headers["Location"] == reverse(landing_page(agent))
