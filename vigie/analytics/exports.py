"""The meeting brief of a cell, from its DashboardFigures: a PDF to read at the meeting, and
the same figures as XLSX (one sheet per table) and CSV (one long table) to work on.

Every rendering reads the same tables (`tables`), so the three files say the same figures.
Nothing here reads the database: the figures are computed by vigie.analytics.selectors.
The PDF is drawn offline: the only files WeasyPrint may open are the DSFR fonts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import dsfr
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from vigie.analytics import charts
from vigie.analytics.figures import Compared, DashboardFigures, Delay, DossierLine
from vigie.analytics.formatting import format_change, format_hours, format_number, format_share
from vigie.crossref.models import DossierKind, DossierStatus
from vigie.geo import reference
from vigie.operations.models import Priority
from vigie.outcomes.enums import Drug, QuantityUnit, WeaponKind
from vigie.outcomes.selectors import OutcomeTotals

FONTS_DIR = Path(dsfr.__file__).resolve().parent / "static" / "dsfr" / "dist" / "fonts"

Value = int | float | Decimal | date | str | None


@dataclass(frozen=True)
class Column:
    header: str
    width: int  # XLSX characters
    number_format: str | None = None


@dataclass
class Table:
    """One sheet of the XLSX, one section of the CSV."""

    name: str
    columns: list[Column]
    rows: list[list[Value]] = field(default_factory=list)
    # The same rows as (indicateur, libellé, valeur, période précédente) for the CSV.
    long: list[tuple[str, str, Value, Value]] = field(default_factory=list)


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _hours(delay: Delay, name: str) -> float | None:
    value = getattr(delay, name)
    return None if value is None else round(value, 1)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _indicators(name: str, lines: Iterable[tuple[str, str, Value, Value]]) -> Table:
    """A table of named figures with their previous value (Synthèse, Suites)."""
    table = Table(
        name,
        [
            Column(_("Indicateur"), 24),
            Column(_("Libellé"), 48),
            Column(_("Valeur"), 16, "#,##0.##"),
            Column(_("Période précédente"), 20, "#,##0.##"),
        ],
    )
    for key, label, value, previous in lines:
        table.rows.append([key, label, value, previous])
        table.long.append((key, label, value, previous))
    return table


def _synthesis(f: DashboardFigures) -> Table:
    last_day = date.fromordinal(f.period.end.toordinal() - 1)
    previous = f.period.previous()

    def compared(key: str, label: str, figure: Compared) -> tuple[str, str, Value, Value]:
        return (key, label, figure.value, figure.previous)

    def delays(
        key: str, label: str, now: Delay, before: Delay
    ) -> list[tuple[str, str, Value, Value]]:
        return [
            (f"{key}_count", _("%(label)s : signalements mesurés") % {"label": label},
             now.count, before.count),
            (f"{key}_median_hours", _("%(label)s : médiane (heures)") % {"label": label},
             _hours(now, "median_hours"), _hours(before, "median_hours")),
            (f"{key}_p90_hours", _("%(label)s : 90e centile (heures)") % {"label": label},
             _hours(now, "p90_hours"), _hours(before, "p90_hours")),
        ]  # fmt: skip

    return _indicators(
        _("Synthèse"),
        [
            ("scope", _("Périmètre"), f.scope_label, None),
            ("departement", _("Département (code)"), f.departement, None),
            ("period", _("Période"), f.period.label(), previous.label()),
            ("period_start", _("Premier jour"), f.period.start, previous.start),
            ("period_end", _("Dernier jour"), last_day,
             date.fromordinal(previous.end.toordinal() - 1)),
            ("generated_at", _("Établi le"), f.generated_at, None),
            compared("reports", _("Signalements reçus"), f.reports),
            compared("qualified", _("Signalements qualifiés"), f.qualified),
            compared("exploitable", _("dont exploitables"), f.exploitable),
            ("share_exploitable", _("Part exploitable parmi les qualifiés (%)"),
             _percent(f.exploitable.value, f.qualified.value),
             _percent(f.exploitable.previous, f.qualified.previous)),
            *delays("triage", _("Délai de qualification"), f.triage_delay,
                    f.triage_delay_previous),
            *delays("dispatch", _("Délai de transmission"), f.dispatch_delay,
                    f.dispatch_delay_previous),
            compared("dossiers_opened", _("Dossiers ouverts"), f.dossiers_opened),
            ("dossiers_active", _("Dossiers actifs en fin de période"), f.dossiers_active, None),
            compared("dossiers_dismantled", _("Dossiers démantelés"), f.dossiers_dismantled),
        ],
    )  # fmt: skip


def outcome_lines(now: OutcomeTotals, before: OutcomeTotals) -> list[tuple[str, str, Value, Value]]:
    """The outcome totals, people first, then seizures by drug, weapons, cash and assets."""
    lines: list[tuple[str, str, Value, Value]] = [
        (name, label, getattr(now, name), getattr(before, name))
        for name, label in (
            ("outcomes", _("Suites enregistrées")),
            ("arrests", _("Interpellations")),
            ("custodies", _("Gardes à vue")),
            ("referrals", _("Déferrements")),
            ("committals", _("Écrous")),
            ("surveillances", _("Surveillances mises en place")),
            ("dismantled_points", _("Points de deal démantelés")),
            ("no_result", _("Suites sans résultat")),
        )
    ]
    for drug in sorted(set(now.drugs_kg) | set(before.drugs_kg)):
        lines.append((
            f"drug_kg:{drug}",
            _("Saisie : %(drug)s (kg)") % {"drug": _label(Drug, drug)},
            now.drugs_kg.get(drug, Decimal(0)),
            before.drugs_kg.get(drug, Decimal(0)),
        ))  # fmt: skip
    for drug, unit in sorted(set(now.drugs_counted) | set(before.drugs_counted)):
        lines.append((
            f"drug:{drug}:{unit}",
            _("Saisie : %(drug)s (%(unit)s)")
            % {"drug": _label(Drug, drug), "unit": _label(QuantityUnit, unit)},
            now.drugs_counted.get((drug, unit), Decimal(0)),
            before.drugs_counted.get((drug, unit), Decimal(0)),
        ))  # fmt: skip
    lines.append(("firearms", _("Armes à feu saisies"), now.firearms, before.firearms))
    for kind in sorted(set(now.weapons) | set(before.weapons)):
        lines.append((
            f"weapon:{kind}",
            _("Armes saisies : %(kind)s") % {"kind": _label(WeaponKind, kind)},
            now.weapons.get(kind, 0),
            before.weapons.get(kind, 0),
        ))  # fmt: skip
    lines += [
        ("cash_eur", _("Numéraire saisi (€)"), now.cash_eur, before.cash_eur),
        ("vehicles", _("Véhicules saisis"), now.vehicles, before.vehicles),
        ("assets_eur", _("Autres avoirs saisis (€)"), now.assets_eur, before.assets_eur),
    ]
    return lines


def _series(name: str, points: Iterable[Any]) -> Table:
    table = Table(
        name,
        [
            Column(_("Période"), 14),
            Column(_("Du"), 12, "DD/MM/YYYY"),
            Column(_("Au"), 12, "DD/MM/YYYY"),
            Column(_("Signalements"), 14, "#,##0"),
            Column(_("dont exploitables"), 18, "#,##0"),
        ],
    )
    for point in points:
        last = date.fromordinal(point.end.toordinal() - 1)
        table.rows.append([point.label, point.start, last, point.value, point.exploitable])
        table.long.append(("signalements", point.label, point.value, None))
        table.long.append(("exploitables", point.label, point.exploitable, None))
    return table


def _counts(name: str, header: str, items: Iterable[Any]) -> Table:
    table = Table(
        name,
        [
            Column(_("Code"), 18),
            Column(header, 40),
            Column(_("Période"), 12, "#,##0"),
            Column(_("Période précédente"), 20, "#,##0"),
        ],
    )
    for item in items:
        key = getattr(item, "key", None) or item.code
        label = getattr(item, "label", None) or item.name
        table.rows.append([key, label, item.value, item.previous])
        table.long.append((key, label, item.value, item.previous))
    return table


def _dossiers(f: DashboardFigures) -> Table:
    table = Table(
        _("Dossiers"),
        [
            Column(_("Liste"), 16),
            Column(_("Dossier"), 12),
            Column(_("Libellé"), 48),
            Column(_("Type"), 20),
            Column(_("Statut"), 18),
            Column(_("Signalements"), 14, "#,##0"),
            Column(_("Nouveaux sur la période"), 22, "#,##0"),
            Column(_("Dernier signalement"), 20, "DD/MM/YYYY"),
        ],
    )
    for which, lines in ((_("Nouveau"), f.new_dossiers), (_("En croissance"), f.growing_dossiers)):
        for d in lines:
            kind, status = _label(DossierKind, d.kind), _label(DossierStatus, d.status)
            table.rows.append(
                [which, d.public_id, d.label, kind, status, d.size, d.new_reports,
                 d.last_report_at]
            )  # fmt: skip
            table.long += [
                ("liste", d.label, which, None),
                ("type", d.label, kind, None),
                ("statut", d.label, status, None),
                ("signalements", d.label, d.size, None),
                ("nouveaux_signalements", d.label, d.new_reports, None),
                ("dernier_signalement", d.label, d.last_report_at, None),
            ]
    return table


def _dispatches(f: DashboardFigures) -> Table:
    table = Table(
        _("Transmissions en retard"),
        [
            Column(_("Transmission"), 14),
            Column(_("Unité"), 30),
            Column(_("Objet"), 44),
            Column(_("Priorité"), 12),
            Column(_("Envoyée le"), 12, "DD/MM/YYYY"),
            Column(_("Accusé attendu le"), 18, "DD/MM/YYYY"),
            Column(_("Jours de retard"), 16, "#,##0"),
        ],
    )
    for d in f.overdue_dispatches:
        priority = _label(Priority, d.priority)
        table.rows.append(
            [d.label, d.unit, d.subject, priority, d.sent_at, d.acknowledge_by, d.days_overdue]
        )
        label = f"{d.label} — {d.subject} → {d.unit}"
        table.long += [
            ("priorite", label, priority, None),
            ("envoyee_le", label, d.sent_at, None),
            ("accuse_attendu_le", label, d.acknowledge_by, None),
            ("jours_de_retard", label, d.days_overdue, None),
        ]
    return table


def _attributed(f: DashboardFigures) -> Table:
    table = Table(
        _("Suites attribuées"),
        [
            Column(_("Date"), 12, "DD/MM/YYYY"),
            Column(_("Objet"), 44),
            Column(_("Unité"), 30),
            Column(_("Résultats"), 60),
            Column(_("Signalements à l’origine"), 22, "#,##0"),
        ],
    )
    for o in f.attributed:
        table.rows.append([o.occurred_on, o.subject, o.unit, o.summary, o.reports])
        label = f"{o.occurred_on.isoformat()} — {o.subject}"
        table.long += [
            ("unite", label, o.unit, None),
            ("resultats", label, o.summary, None),
            ("signalements", label, o.reports, None),
        ]
    return table


def _alerts(f: DashboardFigures) -> Table:
    table = Table(
        _("Alertes"),
        [
            Column(_("Commune"), 24),
            Column(_("Code INSEE"), 12),
            Column(_("Département"), 12),
            Column(_("Première détection"), 18, "DD/MM/YYYY"),
            Column(_("Score"), 10, "0.00"),
            Column(_("Explication"), 80),
            Column(_("Origine probable"), 24),
            Column(_("Code INSEE de l’origine"), 22),
        ],
    )
    for a in f.alerts:
        table.rows.append(
            [a.name, a.commune, a.departement, a.first_seen, a.score, a.explanation,
             a.origin_name, a.origin]
        )  # fmt: skip
        label = f"{a.name} ({a.commune})"
        table.long += [
            ("premiere_detection", label, a.first_seen, None),
            ("score", label, a.score, None),
            ("explication", label, a.explanation, None),
            ("origine", label, a.origin_name or a.origin, None),
        ]
    return table


def tables(f: DashboardFigures) -> list[Table]:
    """Every table of the brief, in the order of the XLSX sheets."""
    return [
        _synthesis(f),
        _series(_("Par semaine"), f.weekly),
        _series(_("Par mois"), f.monthly),
        _counts(_("Catégories"), _("Catégorie"), f.by_category),
        _counts(_("Sources"), _("Source"), f.by_source),
        _counts(_("Communes"), _("Commune"), f.by_commune),
        _dossiers(f),
        _dispatches(f),
        _indicators(_("Suites"), outcome_lines(f.outcomes, f.outcomes_previous)),
        _attributed(f),
        _alerts(f),
    ]


def brief_filename(figures: DashboardFigures, extension: str) -> str:
    """« vigie-note-25-2026-10.pdf »."""
    code = figures.departement.lower()
    return f"vigie-note-{code}-{figures.period.code()}.{extension.lstrip('.')}"


# --------------------------------------------------------------------------- XLSX


def brief_xlsx(figures: DashboardFigures) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for table in tables(figures):
        sheet = book.create_sheet(table.name[:31])
        sheet.append([column.header for column in table.columns])
        for cell in sheet[1]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
        for index, column in enumerate(table.columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                if isinstance(cell.value, date):
                    cell.number_format = "DD/MM/YYYY"
                elif column.number_format and isinstance(cell.value, int | float):
                    cell.number_format = column.number_format
        sheet.freeze_panes = "A2"
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


# --------------------------------------------------------------------------- CSV


def _csv_value(value: Value) -> str:
    """French Excel reads a decimal comma and ISO dates; no grouping, so numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, Decimal | float):
        text = format(Decimal(str(value)).normalize(), "f")
        return text.replace(".", ",")
    return str(value)


def brief_csv(figures: DashboardFigures) -> bytes:
    """UTF-8 with a BOM, `;` separated: section;indicateur;libellé;valeur;période précédente."""
    output = io.StringIO(newline="")
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [_("section"), _("indicateur"), _("libellé"), _("valeur"), _("période précédente")]
    )
    for table in tables(figures):
        for key, label, value, previous in table.long:
            writer.writerow([table.name, key, label, _csv_value(value), _csv_value(previous)])
    return ("\ufeff" + output.getvalue()).encode("utf-8")


# --------------------------------------------------------------------------- PDF


def _fetcher() -> Any:
    """WeasyPrint may read the DSFR fonts and nothing else: no network, no other file."""
    from weasyprint.urls import URLFetcher

    allowed = FONTS_DIR.as_uri() + "/"

    class FontsOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not url.startswith(allowed) or ".." in url:
                raise ValueError(f"Vigie's brief fetches no resource: {url[:80]}")
            return super().fetch(url, headers)

    return FontsOnly(allowed_protocols={"file"}, allow_redirects=False)


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    previous: str
    change: str


def _key_figures(f: DashboardFigures) -> list[KeyFigure]:
    def compared(label: str, figure: Compared) -> KeyFigure:
        return KeyFigure(
            label,
            format_number(figure.value),
            format_number(figure.previous),
            format_change(figure.value, figure.previous),
        )

    previous_share = f.exploitable.previous / f.qualified.previous if f.qualified.previous else None

    def delay(label: str, now: float | None, before: float | None) -> KeyFigure:
        change = format_change(now, before) if now is not None and before else ""
        return KeyFigure(label, format_hours(now), format_hours(before), change)

    return [
        compared(_("Signalements reçus"), f.reports),
        KeyFigure(
            _("Part exploitable"),
            format_share(f.share_exploitable),
            format_share(previous_share),
            "",
        ),
        delay(_("Qualification, médiane"), f.triage_delay.median_hours,
              f.triage_delay_previous.median_hours),
        delay(_("Qualification, 90e centile"), f.triage_delay.p90_hours,
              f.triage_delay_previous.p90_hours),
        delay(_("Transmission, médiane"), f.dispatch_delay.median_hours,
              f.dispatch_delay_previous.median_hours),
        delay(_("Transmission, 90e centile"), f.dispatch_delay.p90_hours,
              f.dispatch_delay_previous.p90_hours),
        compared(_("Dossiers ouverts"), f.dossiers_opened),
        KeyFigure(_("Dossiers actifs"), format_number(f.dossiers_active), "", ""),
        compared(_("Dossiers démantelés"), f.dossiers_dismantled),
    ]  # fmt: skip


def _shown_dossier(line: DossierLine) -> DossierLine:
    return replace(
        line, kind=_label(DossierKind, line.kind), status=_label(DossierStatus, line.status)
    )


def brief_context(figures: DashboardFigures) -> dict[str, Any]:
    """What brief.html shows: the figures, the charts (SVG) and the outcome lines."""
    outline = reference.departement_geojson(figures.departement)
    communes = sorted(figures.by_commune, key=lambda c: (-c.value, c.name))
    return {
        "f": figures,
        "period_label": figures.period.label(),
        "previous_label": figures.period.previous().label(),
        "key_figures": _key_figures(figures),
        "weekly_chart": charts.bar_series(figures.weekly, title=_("Signalements par semaine")),
        "monthly_chart": charts.bar_series(figures.monthly, title=_("Signalements par mois")),
        "category_chart": charts.hbars(figures.by_category, title=_("Signalements par catégorie")),
        "source_chart": charts.hbars(figures.by_source, title=_("Signalements par source")),
        "commune_map": charts.departement_symbol_map(
            outline, figures.by_commune, title=_("Signalements par commune")
        ),
        "top_communes": [c for c in communes if c.value][:10],
        "new_dossiers": [_shown_dossier(d) for d in figures.new_dossiers],
        "growing_dossiers": [_shown_dossier(d) for d in figures.growing_dossiers],
        "overdue_dispatches": [
            replace(d, priority=_label(Priority, d.priority)) for d in figures.overdue_dispatches
        ],
        "outcome_lines": [
            (label, format_number(value, decimals), format_number(previous, decimals))
            for key, label, value, previous in outcome_lines(
                figures.outcomes, figures.outcomes_previous
            )
            if value or previous
            for decimals in [2 if key.endswith("_eur") else None]
        ],
        "fonts_dir": FONTS_DIR.as_uri(),
    }


def brief_html(figures: DashboardFigures) -> str:
    return render_to_string("analytics/brief.html", brief_context(figures))


def brief_document(figures: DashboardFigures) -> Any:
    """The laid-out pages (weasyprint.Document), before they are written as PDF."""
    from weasyprint import HTML

    html = HTML(string=brief_html(figures), base_url=FONTS_DIR.as_uri() + "/",
                url_fetcher=_fetcher())  # fmt: skip
    return html.render()


def brief_pdf(figures: DashboardFigures) -> bytes:
    return brief_document(figures).write_pdf()  # type: ignore[no-any-return]
