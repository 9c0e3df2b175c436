"""`vigie reports import FILE.jsonl`: bulk import (also how a cell migrates its history)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from vigie.crossref.importing import import_lines


class Command(BaseCommand):
    help = "Signalements en masse : `import FICHIER.jsonl` (forme structurée de l’API v1)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        importing = actions.add_parser(
            "import",
            help=(
                "Enregistre chaque ligne comme POST /api/v1/reports (sans preuve de travail ni "
                "limite), idempotent sur submission_id, `received_at` facultatif (ISO 8601), "
                "puis recoupe tout ce qui a été enregistré."
            ),
        )
        importing.add_argument("file", type=Path, help="Fichier JSON Lines, « - » pour l’entrée")
        importing.add_argument(
            "--no-progress", action="store_true", help="Sans barre de progression"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if str(path) == "-":
            lines = sys.stdin.read().splitlines()
        else:
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Lecture impossible de {path} : {error}") from error
        quiet = options["no_progress"]
        with (
            tqdm(
                total=len(lines), desc="Import", unit="ligne", disable=quiet, file=sys.stderr
            ) as bar,
            tqdm(desc="Recoupement", unit="sig.", disable=quiet, file=sys.stderr) as linking,
        ):
            summary = import_lines(lines, progress=bar.update, linking_progress=linking.update)
        for number, reason in summary.refused:
            self.stderr.write(f"ligne {number} refusée : {reason}")
        self.stdout.write(
            f"{summary.stored} enregistrés, {summary.already_present} déjà présents, "
            f"{len(summary.refused)} refusés ; {summary.linked} recoupés."
        )
        if summary.refused:
            raise CommandError(f"{len(summary.refused)} ligne(s) refusée(s).", returncode=1)
