"""The three steps of an agent's login: password, then the second factor or its enrolment."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from vigie.accounts import otp
from vigie.accounts.models import Agent
from vigie.accounts.selectors import agent_from_enrolment_link
from vigie.accounts.services import activate_account
from vigie.web.backoffice.administration.forms import ActivationForm
from vigie.web.backoffice.auth import lockout, session
from vigie.web.backoffice.auth.forms import EnrolmentForm, SecondFactorForm
from vigie.web.backoffice.forms import LoginForm
from vigie.web.qr import inline_qr_svg


def _expired_notice(reason: str) -> str:
    rules = _session_rules()
    if reason == "idle":
        return (
            _(
                "Votre session a expiré après %(idle_minutes)s minutes sans activité. "
                "Reconnectez-vous."
            )
            % rules
        )
    if reason == "absolute":
        return (
            _(
                "Votre session a atteint sa durée maximale de %(max_hours)s heures. "
                "Reconnectez-vous."
            )
            % rules
        )
    return ""


BACKEND = "django.contrib.auth.backends.ModelBackend"


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response.headers["Cache-Control"] = "no-store"
    return response


def _safe_next(request: HttpRequest, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return str(resolve_url(settings.LOGIN_REDIRECT_URL))


def _session_rules() -> dict[str, int]:
    return {
        "idle_minutes": settings.BACKOFFICE_IDLE_SECONDS // 60,
        "max_hours": settings.BACKOFFICE_SESSION_MAX_SECONDS // 3600,
    }


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def password_step(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = LoginForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            agent = form.get_user()
            session.set_pending(request, agent, next_url)
            step = "login_verify" if otp.has_second_factor(agent) else "login_enrol"
            return redirect("backoffice:" + step)
        if lockout.is_locked(request, str(request.POST.get("username", ""))):
            return lockout.lockout_response(request)
    context = {
        "form": form,
        "next": next_url,
        "expired": _expired_notice(request.GET.get("expiree", "")),
        **_session_rules(),
    }
    return _private(render(request, "backoffice/login.html", context))


def _log_in(request: HttpRequest, agent: Agent) -> None:
    session.clear_pending(request)
    login(request, agent, backend=BACKEND)  # starts the session clocks (session.py)


def _wrong_code(
    request: HttpRequest, agent: Agent, form: forms.Form, message: str
) -> HttpResponse | None:
    """Count a wrong code like a wrong password; the lockout page once locked, else None
    (the message is put on the form)."""
    lockout.second_factor_failed(request, agent.username)
    if lockout.is_locked(request, agent.username):
        return lockout.lockout_response(request)
    form.add_error("code", message)
    return None


@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify_step(request: HttpRequest) -> HttpResponse:
    current = session.pending(request)
    if current is None:
        return redirect("backoffice:login")
    agent = current.agent
    if not otp.has_second_factor(agent):
        return redirect("backoffice:login_enrol")
    if lockout.is_locked(request, agent.username):
        return lockout.lockout_response(request)
    form = SecondFactorForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        if otp.verify_second_factor(agent=agent, token=form.cleaned_data["code"]):
            _log_in(request, agent)
            return redirect(_safe_next(request, current.next_url))
        message = _(
            "Code incorrect ou expiré. Saisissez le code affiché maintenant par votre "
            "application, ou un code de secours."
        )
        if locked := _wrong_code(request, agent, form, message):
            return locked
    context = {"form": form, **_session_rules()}
    status = 422 if form.is_bound and not form.is_valid() else 200
    return _private(render(request, "backoffice/auth/verify.html", context, status=status))


@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def enrol_step(request: HttpRequest) -> HttpResponse:
    """First login: scan the QR code (drawn here, no request elsewhere), confirm a code, and
    receive the recovery codes, shown once."""
    current = session.pending(request)
    if current is None:
        return redirect("backoffice:login")
    agent = current.agent
    if otp.has_second_factor(agent):
        return redirect("backoffice:login_verify")
    if lockout.is_locked(request, agent.username):
        return lockout.lockout_response(request)
    device = otp.enrolment_device(agent)
    form = EnrolmentForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        codes = otp.confirm_enrolment(agent=agent, device=device, token=form.cleaned_data["code"])
        if codes is not None:
            _log_in(request, agent)
            context = {"codes": codes, "next": _safe_next(request, current.next_url)}
            return _private(render(request, "backoffice/auth/recovery_codes.html", context))
        message = _(
            "Ce code ne correspond pas. Vérifiez l’heure du téléphone et saisissez le code actuel."
        )
        if locked := _wrong_code(request, agent, form, message):
            return locked
    context = {
        "form": form,
        "qr": inline_qr_svg(
            otp.provisioning_uri(device),
            title=_("Code QR à scanner avec votre application d’authentification"),
            svgclass="vigie-otp-qr",
        ),
        "typed_key": otp.secret_for_typing(device),
    }
    status = 422 if form.is_bound and not form.is_valid() else 200
    return _private(render(request, "backoffice/auth/enrol.html", context, status=status))


@sensitive_post_parameters("new_password1", "new_password2")
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    """A new agent's one-time link (vigie.accounts.services.create_agent): choose a password
    under the deployment's rules, then enrol the authenticator, as at any first login."""
    agent = agent_from_enrolment_link(uid, token)
    if agent is None:
        return _private(render(request, "backoffice/auth/activation_invalid.html", status=404))
    form = ActivationForm(agent, request.POST if request.method == "POST" else None)
    if form.is_valid():
        activate_account(agent=agent, password=form.cleaned_data["new_password1"])
        session.set_pending(request, agent, "")
        step = "login_verify" if otp.has_second_factor(agent) else "login_enrol"
        return redirect("backoffice:" + step)
    status = 422 if form.is_bound else 200
    return _private(render(request, "backoffice/auth/activate.html", {"form": form}, status=status))
