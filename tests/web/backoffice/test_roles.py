"""Issue 9 item 13: each role reaches its own pages and nothing else (role × page matrix)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, reverse

from config.urls_backoffice import backoffice_patterns
from tests.chat.conftest import started
from tests.engine.media.samples import jpeg_with_everything
from tests.factories import AGENT_PASSWORD, AgentFactory, CellFactory, UnitFactory, report
from tests.login_support import log_in
from vigie.accounts.models import Role
from vigie.accounts.permissions import LANDING_PAGES
from vigie.chat.models import CannedReply
from vigie.evidence.services import store_evidence
from vigie.reports.services import attach_file

pytestmark = pytest.mark.django_db

CELL = (Role.AGENT, Role.ANALYST, Role.CELL_HEAD)
REPORTS = (Role.ANALYST, Role.CELL_HEAD)
DOSSIERS = (Role.ANALYST, Role.CELL_HEAD, Role.NATIONAL)
ADMIN = (Role.ADMIN,)
UNIT = (Role.UNIT_MEMBER,)
ALL = tuple(Role)
ALLOWED = "allowed"  # any answer but a 404 or a detour to the login page


def _only(roles: tuple[Role, ...], code: int | str, otherwise: int = 404) -> dict[Role, int | str]:
    return {role: code if role in roles else otherwise for role in ALL}


# URL name → (method, expected answer per role). Every back-office URL name must be here.
MATRIX: dict[str, tuple[str, dict[Role, int | str]]] = {
    "backoffice:login": ("get", _only(ALL, 302)),
    # The second factor's steps: an agent already logged in has nothing pending there.
    "backoffice:login_verify": ("get", _only(ALL, 302)),
    "backoffice:login_enrol": ("get", _only(ALL, 302)),
    "backoffice_legal:accessibility": ("get", _only(ALL, 200)),
    "backoffice_legal:legal_notice": ("get", _only(ALL, 200)),
    "backoffice_legal:personal_data": ("get", _only(ALL, 200)),
    "backoffice:logout": ("post", _only(ALL, 302)),
    "backoffice:triage": ("get", {**_only(REPORTS, 200, otherwise=302)}),
    "backoffice:report_list": ("get", _only(REPORTS, 200)),
    "backoffice:report_detail": ("get", _only(REPORTS, 200)),
    "backoffice:qualify": ("post", _only(REPORTS, 422)),
    "backoffice:reply": ("post", _only(REPORTS, 422)),
    "backoffice:evidence_file": ("get", _only(REPORTS, 200)),
    "backoffice:evidence_thumbnail": ("get", _only(REPORTS, 200)),
    "backoffice:unit_space": ("get", _only((Role.UNIT_MEMBER,), 200)),
    # A new agent's activation link, tried with a token that is not one: 404 for everyone.
    "backoffice:activate": ("get", _only((), 404)),
    # The administration: the administrator only, but the audit log, which a cell head reads.
    "administration:home": ("get", _only(ADMIN, 200)),
    "administration:departements": ("get", _only(ADMIN, 200)),
    "administration:create_cell": ("get", _only(ADMIN, 200)),
    "administration:cell": ("get", _only(ADMIN, 200)),
    "administration:cell_activation": ("post", _only(ADMIN, 302)),
    "administration:units": ("get", _only(ADMIN, 200)),
    "administration:create_unit": ("get", _only(ADMIN, 200)),
    "administration:unit": ("get", _only(ADMIN, 200)),
    "administration:unit_activation": ("post", _only(ADMIN, 302)),
    "administration:agents": ("get", _only(ADMIN, 200)),
    "administration:create_agent": ("get", _only(ADMIN, 200)),
    "administration:agent": ("get", _only(ADMIN, 200)),
    "administration:agent_activation": ("post", _only(ADMIN, 302)),
    "administration:reset_second_factor": ("post", _only(ADMIN, 302)),
    "administration:unlock": ("post", _only(ADMIN, 302)),
    "administration:enrolment_link": ("post", _only(ADMIN, 200)),
    "administration:retention": ("get", _only(ADMIN, 200)),
    "administration:keys": ("get", _only(ADMIN, 200)),
    "administration:rotate_key": ("post", _only(ADMIN, 302)),
    "administration:audit_log": ("get", _only((Role.ADMIN, Role.CELL_HEAD), 200)),
    "console:console": ("get", _only(CELL, 200)),
    "console:conversation": ("get", _only(CELL, 200)),
    "console:take": ("post", _only(CELL, ALLOWED)),
    "console:reply": ("post", _only(CELL, ALLOWED)),
    "console:close": ("post", _only(CELL, ALLOWED)),
    "console:hand_over": ("post", _only(CELL, ALLOWED)),
    "console:to_report": ("post", _only(CELL, ALLOWED)),
    # Canned replies are edited by the analysts and the head of the cell (vigie.chat.access).
    "console:canned_replies": ("get", _only(REPORTS, ALLOWED)),
    "console:canned_reply": ("get", _only(REPORTS, ALLOWED)),
    "console:delete_canned_reply": ("post", _only(REPORTS, ALLOWED)),
    # Dossiers: the cell's analysts and head, and the national level across départements.
    # Pages of one dossier or watchlist are tried on an id that exists nowhere: 404 for all
    # (their scope is tested with real dossiers in tests/crossref/test_pages.py).
    "dossiers:list": ("get", _only(DOSSIERS, 200)),
    "dossiers:entity": ("get", _only(DOSSIERS, 200)),
    "dossiers:watchlists": ("get", _only(REPORTS, 200)),  # a cell's own: none nationally
    "dossiers:map": ("get", _only(DOSSIERS, 200)),
    "dossiers:map_data": ("get", _only(DOSSIERS, 200)),
    "dossiers:outline": ("get", _only(DOSSIERS, ALLOWED)),
    "dossiers:detail": ("get", _only((), 404)),
    "dossiers:update": ("post", _only((), 404)),
    "dossiers:decide": ("post", _only((), 404)),
    "dossiers:merge": ("post", _only((), 404)),
    "dossiers:split": ("post", _only((), 404)),
    "dossiers:stop_watching": ("post", _only((), 404)),
    # Field reports (« remontée terrain »): a unit's officers only; one report is tried on an
    # id that exists nowhere (its scope: tests/web/backoffice/test_field_reports.py).
    "field:list": ("get", _only(UNIT, 200)),
    "field:new": ("get", _only(UNIT, 200)),
    "field:outline": ("get", _only(UNIT, 200)),
    "field:detail": ("get", _only((), 404)),
    "outcomes:record_on_report": ("get", _only(REPORTS, 200)),
    "outcomes:record_on_dossier": ("get", _only((), 404)),
    # Notifications: everyone's own.
    "backoffice:notifications": ("get", _only(ALL, 200)),
    "backoffice:notifications_read": ("post", _only(ALL, 302)),
    # Dispatches (issue 13): the cell's analysts and head; the unit's pages, its members.
    # Pages of one dispatch are tried on an id that exists nowhere: 404 for all (their scope
    # is tested with real dispatches in tests/operations/test_access.py).
    "operations:list": ("get", _only(REPORTS, 200)),
    "operations:new_from_report": ("get", _only(REPORTS, 200)),
    "operations:new_from_dossier": ("get", _only((), 404)),
    "operations:detail": ("get", _only((), 404)),
    "operations:answer": ("post", _only((), 404)),
    "operations:share_contact": ("post", _only((), 404)),
    "operations:close_citizen": ("post", _only((), 404)),
    "unit:detail": ("get", _only((), 404)),
    "unit:acknowledge": ("post", _only((), 404)),
    "unit:question": ("post", _only((), 404)),
    "unit:note": ("post", _only((), 404)),
    "unit:hand_back": ("post", _only((), 404)),
    "unit:close": ("post", _only((), 404)),
    "unit:outcomes": ("get", _only((), 404)),
    "unit:evidence_file": ("get", _only((), 404)),
    "unit:evidence_thumbnail": ("get", _only((), 404)),
    # Figures (issue 14): a cell's analysts and head read their own département's; the
    # national role every département's, never a cell's dashboard or brief. An alert is
    # tried on an id that exists nowhere (its scope: tests/web/backoffice/test_analytics.py).
    "analytics:dashboard": ("get", _only(REPORTS, 200)),
    "analytics:brief": ("get", _only(REPORTS, 200)),
    "analytics:national": ("get", _only((Role.NATIONAL,), 200)),
    "analytics:departement": (
        "get",
        {**_only((Role.NATIONAL,), 200), Role.ANALYST: ALLOWED, Role.CELL_HEAD: ALLOWED},
    ),
    "analytics:alerts": ("get", _only((*REPORTS, Role.NATIONAL), 200)),
    "analytics:alert": ("get", _only((), 404)),
}


def _url_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_the_matrix_covers_every_back_office_url_name() -> None:
    assert _url_names(backoffice_patterns) == set(MATRIX)


def _agent(role: Role) -> Any:
    if role == Role.UNIT_MEMBER:
        return AgentFactory(unit_member=True)
    if role in CELL:
        return AgentFactory(role=role)
    if role == Role.UNIT_MEMBER:
        return AgentFactory(role=role, cell=None, unit=UnitFactory())
    return AgentFactory(role=role, cell=None)


def _report_file() -> Any:
    stored = store_evidence(SimpleUploadedFile("x", jpeg_with_everything()))
    attach_file(report=report(), file=stored)
    return stored.public_id


# What each kind of URL argument is made of (only what the URL under test needs).
ARGUMENTS: dict[str, Callable[[], Any]] = {
    "nowhere": uuid.uuid4,
    "nowhere_position": lambda: (uuid.uuid4(), 1),
    "nowhere_pair": lambda: (uuid.uuid4(), uuid.uuid4()),
    "departement": lambda: "25",
    "brief": lambda: "csv",
    "report": lambda: report().public_id,
    "file": _report_file,
    "conversation": lambda: started().conversation.public_id,
    "cell": lambda: CellFactory().departement_id,
    "unit": lambda: UnitFactory().public_id,
    "agent": lambda: AgentFactory().username,
    "activation": lambda: ("MQ", "not-a-token"),
    "canned": lambda: (
        CannedReply.objects.create(
            cell=CellFactory(), title="Merci", text="Merci de votre message."
        ).pk
    ),
}


KIND_OF_ARGUMENT = {
    "backoffice:report_detail": "report",
    "backoffice:qualify": "report",
    "backoffice:reply": "report",
    "backoffice:evidence_file": "file",
    "backoffice:evidence_thumbnail": "file",
    "console:conversation": "conversation",
    "console:take": "conversation",
    "console:reply": "conversation",
    "console:close": "conversation",
    "console:hand_over": "conversation",
    "console:to_report": "conversation",
    "console:canned_reply": "canned",
    "console:delete_canned_reply": "canned",
    "dossiers:detail": "nowhere",
    "outcomes:record_on_report": "report",
    "outcomes:record_on_dossier": "nowhere",
    "dossiers:update": "nowhere",
    "dossiers:decide": "nowhere",
    "dossiers:merge": "nowhere",
    "dossiers:split": "nowhere",
    "dossiers:stop_watching": "nowhere",
    "dossiers:outline": "departement",
    "analytics:departement": "departement",
    "analytics:alert": "nowhere",
    "analytics:brief": "brief",
    "field:detail": "nowhere",
    "backoffice:activate": "activation",
    "administration:cell": "cell",
    "administration:cell_activation": "cell",
    "administration:unit": "unit",
    "administration:unit_activation": "unit",
    "administration:agent": "agent",
    "administration:agent_activation": "agent",
    "administration:reset_second_factor": "agent",
    "administration:unlock": "agent",
    "administration:enrolment_link": "agent",
    "operations:new_from_report": "report",
    "operations:new_from_dossier": "nowhere",
    "operations:detail": "nowhere",
    "operations:answer": "nowhere",
    "operations:share_contact": "nowhere_position",
    "operations:close_citizen": "nowhere",
    "unit:detail": "nowhere",
    "unit:acknowledge": "nowhere",
    "unit:question": "nowhere",
    "unit:note": "nowhere",
    "unit:hand_back": "nowhere",
    "unit:close": "nowhere",
    "unit:outcomes": "nowhere",
    "unit:evidence_file": "nowhere_pair",
    "unit:evidence_thumbnail": "nowhere_pair",
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_reaches_only_its_pages(client, role: Role, url_name: str) -> None:
    kind = KIND_OF_ARGUMENT.get(url_name)
    argument = ARGUMENTS[kind]() if kind else None
    arguments = list(argument) if isinstance(argument, tuple) else [argument] if kind else []
    url = reverse(url_name, args=arguments)
    method, expected_by_role = MATRIX[url_name]
    client.force_login(_agent(role))
    response = getattr(client, method)(url)
    expected = expected_by_role[role]
    if expected == ALLOWED:
        assert response.status_code != 404
        assert reverse("backoffice:login") not in response.headers.get("Location", "")
    else:
        assert response.status_code == expected, (role, url_name, response.status_code)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_lands_on_its_own_page_after_logging_in(client, role: Role) -> None:
    agent = _agent(role)
    verified = log_in(client, agent, AGENT_PASSWORD)  # password, then the second factor
    assert verified.status_code == 302
    response = client.get(verified["Location"], follow=True)
    assert response.status_code == 200
    landed = response.redirect_chain[-1][0] if response.redirect_chain else verified["Location"]
    assert landed == reverse(LANDING_PAGES[role])
    html = response.content.decode()
    assert "Se déconnecter" in html
    assert "Page introuvable" not in html


def test_a_chat_agent_reads_the_report_made_from_their_conversation_and_no_more(client) -> None:
    from vigie.chat.services import convert_to_report, take_conversation
    from vigie.reports.content import ReportContent

    agent = AgentFactory()
    conversation = started().conversation
    take_conversation(conversation=conversation, agent=agent)
    made = convert_to_report(
        conversation=conversation,
        agent=agent,
        category="point_de_deal",
        details=ReportContent(description="", address="12 rue de Dole", commune_name="Besançon"),
    )
    assert made.source == "chat"
    client.force_login(agent)
    page = client.get(reverse("backoffice:report_detail", args=[made.public_id]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="read-only"' in html
    assert reverse("backoffice:qualify", args=[made.public_id]) not in html
    qualify = client.post(
        reverse("backoffice:qualify", args=[made.public_id]),
        {"qualification": "exploitable", "reason": "precise_facts"},
    )
    assert qualify.status_code == 404
    colleague = AgentFactory()
    client.force_login(colleague)
    assert client.get(reverse("backoffice:report_detail", args=[made.public_id])).status_code == 404


@pytest.mark.parametrize(
    ("role", "shown"),
    [(Role.AGENT, False), (Role.ANALYST, True), (Role.CELL_HEAD, True), (Role.NATIONAL, True)],
)
def test_the_header_links_to_the_dossiers_only_for_those_who_may_open_them(
    client, role: Role, shown: bool
) -> None:
    client.force_login(_agent(role))
    page = client.get(reverse(LANDING_PAGES[role]), follow=True).content.decode()
    assert ('data-testid="nav-dossiers"' in page) is shown
