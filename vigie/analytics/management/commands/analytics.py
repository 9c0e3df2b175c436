"""`vigie analytics`: the figures from the command line.

- `refresh [--schedule]`: rebuild the pre-aggregated counts and look for emerging areas now
  (or make sure the worker's hourly pass is waiting);
- `brief --cell 25 --period 2026-10 [--format pdf,xlsx,csv] [--output DIR]`: the meeting
  brief of a cell, as the « Note de réunion » button makes it;
- `emerging --since 2026-01-01 [--departement 84] [--json]`: every alert the detection
  raises week after week since that date (every département by default), one JSON line per
  alert with `--json`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vigie.analytics.figures import Period

FORMATS = ("pdf", "xlsx", "csv")


class Command(BaseCommand):
    help = (
        "Chiffres : reconstruire les agrégats, produire la note de réunion, les zones émergentes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        refresh = actions.add_parser("refresh", help="reconstruire les chiffres agrégés")
        refresh.add_argument(
            "--schedule", action="store_true", help="programmer le passage périodique du worker"
        )
        brief = actions.add_parser("brief", help="note de réunion d’une cellule")
        brief.add_argument("--cell", required=True, help="code du département de la cellule (25)")
        brief.add_argument("--period", required=True, help="2026-10, 2026-W43, 2026-T3 ou 2026")
        brief.add_argument(
            "--format", default="pdf,xlsx,csv", help="pdf, xlsx, csv (séparés par des virgules)"
        )
        brief.add_argument("--output", default=".", help="dossier où écrire les fichiers")
        emerging = actions.add_parser("emerging", help="zones émergentes depuis une date")
        emerging.add_argument("--since", required=True, help="date ISO (AAAA-MM-JJ)")
        emerging.add_argument("--departement", help="restreindre à un département (code INSEE)")
        emerging.add_argument("--json", action="store_true", help="une ligne JSON par alerte")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _refresh(self, options: dict[str, Any]) -> None:
        if options["schedule"]:
            from vigie.analytics.tasks import schedule_refresh

            if not schedule_refresh():
                raise CommandError("Ce moteur de tâches ne sait pas différer un passage.")
            self.stdout.write("Passage périodique programmé.")
            return
        from vigie.analytics.services import refresh

        summary = refresh()
        self.stdout.write(
            f"{summary.reports} signalements comptés ({summary.monthly_rows} lignes mensuelles, "
            f"{summary.commune_weeks} semaines-communes), {len(summary.new_alerts)} nouvelle(s) "
            f"alerte(s), en {summary.seconds:.1f} s."
        )

    def _brief(self, options: dict[str, Any]) -> None:
        from vigie.analytics import exports
        from vigie.analytics.selectors import dashboard_figures
        from vigie.cells.models import Cell

        try:
            period = Period.parse(options["period"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        formats = [name.strip().lower() for name in options["format"].split(",") if name.strip()]
        unknown = sorted(set(formats) - set(FORMATS))
        if unknown or not formats:
            raise CommandError(
                f"Format inconnu : {', '.join(unknown) or '(aucun)'} ; "
                "choisir parmi pdf, xlsx, csv."
            )
        code = options["cell"].strip().upper()
        if not Cell.objects.filter(departement_id=code).exists():
            raise CommandError(f"Aucune cellule pour le département « {code} ».")
        output = Path(options["output"])
        if not output.is_dir():
            raise CommandError(f"Dossier introuvable : {output}")
        figures = dashboard_figures(departement=code, period=period)
        renderers = {"pdf": exports.brief_pdf, "xlsx": exports.brief_xlsx, "csv": exports.brief_csv}
        for name in formats:
            path = output / exports.brief_filename(figures, name)
            path.write_bytes(renderers[name](figures))
            self.stdout.write(str(path))

    def _emerging(self, options: dict[str, Any]) -> None:
        from vigie.analytics.services import detect, refresh
        from vigie.geo.models import Departement

        try:
            since = date.fromisoformat(options["since"])
        except ValueError as error:
            raise CommandError(
                f"Date illisible : {options['since']} (attendu : AAAA-MM-JJ)"
            ) from error
        departements = None
        if options["departement"]:
            code = options["departement"].strip().upper()
            if not Departement.objects.filter(code=code).exists():
                raise CommandError(f"Département inconnu : « {code} ».")
            departements = [code]
        refresh(detect=False)
        for alert in detect(since=since, departements=departements):
            if options["json"]:
                self.stdout.write(json.dumps(alert.as_json(), ensure_ascii=False))
            else:
                self.stdout.write(f"{alert.first_seen} {alert.departement} {alert.explanation}")
