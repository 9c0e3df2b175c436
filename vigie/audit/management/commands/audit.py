"""`vigie audit verify [--anchor FILE…]` and `vigie audit anchor`: the audit chain, checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vigie.audit.services import check_anchor, export_anchor, verify_chain


class Command(BaseCommand):
    help = "Vérifie la chaîne du journal d’audit, ou en exporte la tête signée (ancre)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        verify = actions.add_parser("verify", help="vérifier la chaîne (et des ancres)")
        verify.add_argument(
            "--anchor",
            action="append",
            type=Path,
            default=[],
            help="fichier d’ancre exporté plus tôt (une ancre JSON par ligne) ; répétable",
        )
        actions.add_parser("anchor", help="écrire la tête signée de la chaîne (JSON)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "anchor":
            self.stdout.write(json.dumps(export_anchor(), ensure_ascii=False))
            return
        broken = verify_chain()
        if broken is not None:
            raise CommandError(f"Chaîne d’audit rompue à l’événement {broken}.")
        failures = []
        for path in options["anchor"]:
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    result = check_anchor(json.loads(line))
                except json.JSONDecodeError:
                    failures.append(f"{path}:{number}: ligne illisible")
                    continue
                (self.stdout if result.ok else self.stderr).write(
                    f"{path}:{number}: {result.message}"
                )
                if not result.ok:
                    failures.append(f"{path}:{number}: {result.message}")
        if failures:
            raise CommandError(f"{len(failures)} ancre(s) non vérifiée(s).")
        self.stdout.write("Chaîne d’audit intacte.")
