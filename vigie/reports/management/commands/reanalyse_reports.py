"""Analyse again the reports that have no analysis run (stored before runs were kept), so
they get their history and their search tokens. Needs the back office's keys. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from vigie.reports.enums import AnalysisTrigger
from vigie.reports.models import Report
from vigie.reports.services import reanalyse_report


class Command(BaseCommand):
    help = "Réanalyse les signalements sans analyse enregistrée (historique, index de recherche)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--all", action="store_true", help="Réanalyser tous les signalements.")

    def handle(self, *args: Any, **options: Any) -> None:
        reports = Report.objects.all() if options["all"] else Report.objects.filter(analyses=None)
        count = 0
        for report_pk in reports.order_by("pk").values_list("pk", flat=True).iterator():
            reanalyse_report(report_pk=report_pk, trigger=AnalysisTrigger.REANALYSIS)
            count += 1
        self.stdout.write(f"{count} signalement(s) réanalysé(s).")
