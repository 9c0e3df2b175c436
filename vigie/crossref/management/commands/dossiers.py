"""`vigie dossiers export [--departement CODE]`: one JSON line per dossier."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vigie.crossref.selectors import export_dossiers
from vigie.geo.models import Departement


class Command(BaseCommand):
    help = "Dossiers de recoupement : `export [--departement CODE]`."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        exporting = actions.add_parser(
            "export",
            help=(
                "Une ligne JSON par dossier : id, status, submission_ids, references, entities, "
                "links (références, règles, preuves en français, poids). Un signalement isolé "
                'est exporté comme un dossier d’un seul signalement ("lone": true).'
            ),
        )
        exporting.add_argument("--departement", default=None, help="Code du département (25, 2A…)")

    def handle(self, *args: Any, **options: Any) -> None:
        code = options["departement"]
        if code and not Departement.objects.filter(code=code).exists():
            raise CommandError(f"Département inconnu : {code}")
        for dossier in export_dossiers(departement=code):
            self.stdout.write(json.dumps(dossier, ensure_ascii=False))
