"""`vigie units import FILE.csv`: load the commune → unit table (columns: docs/operations.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from vigie.operations.importing import import_jurisdictions


class Command(BaseCommand):
    help = "Unités : `import FICHIER.csv` charge la table commune → unité (compétences)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        importing = actions.add_parser(
            "import",
            help=(
                "Colonnes : code_insee, unite, type (zone police, zone gendarmerie, police "
                "judiciaire, douane, police municipale), departement (facultatif). Idempotent."
            ),
        )
        importing.add_argument("file", type=Path, help="Fichier CSV (UTF-8), « - » pour l’entrée")
        importing.add_argument(
            "--no-progress", action="store_true", help="Sans barre de progression"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if str(path) == "-":
            lines = sys.stdin.read().splitlines()
        else:
            try:
                lines = path.read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Lecture impossible de {path} : {error}") from error
        with tqdm(
            total=max(len(lines) - 1, 0),
            desc="Compétences",
            unit="ligne",
            disable=options["no_progress"],
            file=sys.stderr,
        ) as bar:
            summary = import_jurisdictions(lines, progress=bar.update)
        for number, reason in summary.refused:
            self.stderr.write(f"ligne {number} refusée : {reason}")
        self.stdout.write(
            f"{summary.added} commune(s) rattachée(s), "
            f"{summary.already_present} déjà présente(s), "
            f"{summary.units_created} unité(s) créée(s), "
            f"{len(summary.refused)} ligne(s) refusée(s)."
        )
        if summary.refused:
            raise CommandError(f"{len(summary.refused)} ligne(s) refusée(s).", returncode=1)
