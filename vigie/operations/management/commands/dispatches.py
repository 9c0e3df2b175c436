"""`vigie dispatches escalate [--now ISO-8601] [--schedule]`: alert the cell heads about the
dispatches whose acknowledgement is overdue (idempotent), or make sure the worker's
periodic pass is waiting."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from vigie.operations.services import escalate_overdue
from vigie.operations.tasks import schedule_escalation


class Command(BaseCommand):
    help = (
        "Transmissions : `escalate` alerte les chefs de cellule des accusés de réception en retard."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        escalate = actions.add_parser("escalate", help="alerter des retards d’accusé de réception")
        escalate.add_argument("--now", help="date de référence ISO 8601 (par défaut : maintenant)")
        escalate.add_argument(
            "--schedule", action="store_true", help="programmer le passage périodique du worker"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            if not schedule_escalation():
                raise CommandError("Ce moteur de tâches ne sait pas différer un passage.")
            self.stdout.write("Passage périodique programmé.")
            return
        now = timezone.now()
        if options["now"]:
            try:
                now = datetime.fromisoformat(options["now"])
            except ValueError as error:
                raise CommandError(f"Date illisible : {options['now']}") from error
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        count = escalate_overdue(now=now)
        self.stdout.write(f"{count} transmission(s) en retard signalée(s) aux chefs de cellule.")
