"""Agents and roles: list, create (with a one-time activation link), change role and cell,
deactivate, reset the second factor, unlock after a lockout."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vigie.accounts import selectors, services
from vigie.accounts.access import access_agent, require_administrator
from vigie.accounts.models import Agent
from vigie.web.backoffice.administration.forms import (
    AgentFilterForm,
    AssignmentForm,
    NewAgentForm,
)
from vigie.web.backoffice.administration.views.cells import render_form

PAGE_SIZE = 50


@login_required
def agents(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    filters = AgentFilterForm(request.GET or None)
    found = selectors.agents()
    if filters.is_valid():
        status = filters.cleaned_data["status"]
        found = selectors.agents(
            cell=filters.cleaned_data["cell"],
            role=filters.cleaned_data["role"],
            is_active={"active": True, "inactive": False}.get(status),
        )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "agents": shown,
        "locked": selectors.locked_usernames(agent.username for agent in shown),
        "enrolled": selectors.enrolled_agent_ids(agent.pk for agent in shown),
        "query": query.urlencode(),
        "active": "agents",
    }
    return render(request, "backoffice/administration/agents.html", context)


def _enrolment_page(
    request: HttpRequest, agent: Agent, enrolment: services.Enrolment
) -> HttpResponse:
    """The activation link, shown once: never cached, never stored anywhere but the token."""
    link = request.build_absolute_uri(
        reverse("backoffice:activate", args=[enrolment.uid, enrolment.token])
    )
    context = {"agent": agent, "link": link, "active": "agents"}
    response = render(request, "backoffice/administration/enrolment_link.html", context)
    add_never_cache_headers(response)
    response.headers["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def create_agent(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    form = NewAgentForm(request.POST or None)
    if form.is_valid():
        agent, enrolment = services.create_agent(by=request.user, **form.cleaned_data)
        return _enrolment_page(request, agent, enrolment)
    return render_form(request, form, _("Nouvel agent"), "agents")


def _detail(
    request: HttpRequest, agent: Agent, form: AssignmentForm, status: int = 200
) -> HttpResponse:
    context = {
        "agent": agent,
        "form": form,
        "is_locked": agent.username in selectors.locked_usernames([agent.username]),
        "is_enrolled": agent.pk in selectors.enrolled_agent_ids([agent.pk]),
        "active": "agents",
    }
    return render(request, "backoffice/administration/agent.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def agent_detail(request: HttpRequest, username: str) -> HttpResponse:
    """The agent's account; a POST changes their role and cell."""
    agent = access_agent(request.user, username)
    form = AssignmentForm(request.POST or None, initial={"role": agent.role, "cell": agent.cell})
    if request.method == "POST":
        if (
            form.is_valid()
            and agent.pk == request.user.pk
            and form.cleaned_data["role"] != agent.role
        ):
            # Nobody else might be left to give the administration back.
            form.add_error("role", _("Vous ne pouvez pas changer votre propre rôle."))
        if not form.is_valid():
            return _detail(request, agent, form, status=422)
        services.change_assignment(by=request.user, agent=agent, **form.cleaned_data)
        messages.success(request, _("Rôle et cellule enregistrés."))
        return redirect("administration:agent", agent.username)
    return _detail(request, agent, form)


def _back(agent: Agent) -> HttpResponse:
    return redirect("administration:agent", agent.username)


@login_required
@require_POST
def agent_activation(request: HttpRequest, username: str) -> HttpResponse:
    agent = access_agent(request.user, username)
    if agent.pk == request.user.pk:
        messages.error(request, _("Vous ne pouvez pas désactiver votre propre compte."))
        return _back(agent)
    is_active = request.POST.get("is_active") == "1"
    services.set_agent_active(by=request.user, agent=agent, is_active=is_active)
    messages.success(request, _("Compte activé.") if is_active else _("Compte désactivé."))
    return _back(agent)


@login_required
@require_POST
def reset_second_factor(request: HttpRequest, username: str) -> HttpResponse:
    agent = access_agent(request.user, username)
    services.reset_second_factor(by=request.user, agent=agent)
    messages.success(
        request,
        _(
            "Second facteur réinitialisé : l’agent enregistrera une nouvelle application "
            "d’authentification à sa prochaine connexion."
        ),
    )
    return _back(agent)


@login_required
@require_POST
def unlock(request: HttpRequest, username: str) -> HttpResponse:
    agent = access_agent(request.user, username)
    services.unlock_agent(by=request.user, agent=agent)
    messages.success(request, _("Compte débloqué : l’agent peut de nouveau se connecter."))
    return _back(agent)


@login_required
@require_POST
def enrolment_link(request: HttpRequest, username: str) -> HttpResponse:
    """A new activation link (a lost link or a forgotten password): the old password ends."""
    agent = access_agent(request.user, username)
    enrolment = services.new_enrolment_link(by=request.user, agent=agent)
    return _enrolment_page(request, agent, enrolment)
