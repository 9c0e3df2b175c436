"""Project rules as tests (itou's test_consistency, Zulip's lint rules)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VIGIE = ROOT / "vigie"


def _python_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if "migrations" not in path.parts)


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_the_public_site_never_imports_the_back_office() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in _python_files(VIGIE / "web" / "public")
        if any(m.startswith("vigie.web.backoffice") for m in _imported_modules(path))
    ]
    assert offenders == []


def test_the_public_urlconf_cannot_route_to_the_back_office() -> None:
    modules = _imported_modules(ROOT / "config" / "urls_public.py")
    source = (ROOT / "config" / "urls_public.py").read_text()
    assert not any("backoffice" in module for module in modules)
    assert "backoffice" not in source.replace(
        '"""Citizen site. Nothing here can route to the back office."""', ""
    )


def test_the_analysis_core_has_no_django_import() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in _python_files(VIGIE / "engine")
        if any(m == "django" or m.startswith("django.") for m in _imported_modules(path))
    ]
    assert offenders == []


def test_views_reach_objects_only_through_access_functions() -> None:
    pattern = re.compile(r"\b(Report|Cell|Agent|AuditEvent)\.objects\b")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in (VIGIE / "web",)
        for path in _python_files(folder)
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []


# Plain links (never loaded by the page) that the State's design system and the law ask for:
# the footer's institutional sites and the recourse named by the legal pages.
INSTITUTIONAL_LINK = re.compile(
    r"""href="https://(www\.info\.gouv\.fr|www\.service-public\.fr|www\.legifrance\.gouv\.fr"""
    r"""|www\.data\.gouv\.fr|formulaire\.defenseurdesdroits\.fr|www\.defenseurdesdroits\.fr"""
    r"""|www\.cnil\.fr)[/"]"""
)


def test_no_page_names_another_host() -> None:
    external = re.compile(r"""(src|href|action)=["']?(https?:)?//""", re.IGNORECASE)
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(VIGIE.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if external.search(INSTITUTIONAL_LINK.sub("", line))
    ]
    assert offenders == []


def test_every_environment_variable_is_documented() -> None:
    read = set(
        re.findall(r"""env_\w+\(\s*"([A-Z_]+)\"""", (ROOT / "config" / "env.py").read_text())
    )
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert read, "config/env.py reads no variable?"
    assert read <= documented, f"undocumented: {sorted(read - documented)}"


def test_nothing_outside_config_env_reads_the_environment() -> None:
    allowed = {
        ROOT / "config" / "env.py",
        ROOT / "manage.py",
        ROOT / "vigie" / "cli.py",
        ROOT / "config" / "asgi.py",
        ROOT / "config" / "wsgi.py",
    }
    pattern = re.compile(r"os\.environ|os\.getenv")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in (VIGIE, ROOT / "config")
        for path in _python_files(folder)
        if path not in allowed and pattern.search(path.read_text()) and "engine" not in path.parts
    ]
    assert offenders == []


def test_every_report_creation_names_its_source() -> None:
    """The figures count reports by origin: each call of submit_report in vigie/ says which
    (citizen form, API, chat, import, field) instead of falling back on the default."""
    offenders = []
    for path in _python_files(VIGIE):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "submit_report"
                and "source" not in {keyword.arg for keyword in node.keywords}
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
