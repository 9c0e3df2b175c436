"""`vigie retention purge [--now ISO-8601] [--dry-run]`: delete what has outlived its purpose.

`vigie retention housekeeping [--schedule]`: blur evidence files' times and delete finished
task rows now, or (`--schedule`) make sure the worker's hourly pass is waiting."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from vigie.retention.services import purge_expired
from vigie.retention.tasks import housekeeping, schedule_housekeeping


class Command(BaseCommand):
    help = "Purge les signalements et discussions dont la durée de conservation est écoulée."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        purge = actions.add_parser("purge", help="purger ce qui est arrivé à échéance")
        purge.add_argument("--now", help="date de référence ISO 8601 (par défaut : maintenant)")
        purge.add_argument("--dry-run", action="store_true", help="compter sans supprimer")
        chores = actions.add_parser(
            "housekeeping",
            help="brouiller les dates des fichiers de preuve, supprimer les tâches terminées",
        )
        chores.add_argument(
            "--schedule", action="store_true", help="programmer le passage horaire du worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "housekeeping":
            self.housekeeping(schedule=options["schedule"])
            return
        now = timezone.now()
        if options["now"]:
            try:
                now = datetime.fromisoformat(options["now"])
            except ValueError as error:
                raise CommandError(f"Date illisible : {options['now']}") from error
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        result = purge_expired(now=now, dry_run=options["dry_run"])
        verb = "à purger" if options["dry_run"] else "purgés"
        self.stdout.write(
            f"{result.reports} signalement(s) et {result.conversations} discussion(s) {verb}, "
            f"{result.files} fichier(s) supprimé(s)."
        )

    def housekeeping(self, *, schedule: bool) -> None:
        if schedule:
            if not schedule_housekeeping():
                raise CommandError("Ce moteur de tâches ne sait pas différer un passage.")
            self.stdout.write("Passage horaire programmé.")
            return
        done = housekeeping()
        self.stdout.write(
            f"{done.files_blurred} fichier(s) aux dates brouillées, "
            f"{done.task_results_deleted} tâche(s) terminée(s) supprimée(s)."
        )
