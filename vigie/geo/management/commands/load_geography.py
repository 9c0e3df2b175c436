"""Load the offline reference geography (vigie/geo/data) into the database. Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from vigie.geo import reference
from vigie.geo.models import Commune, Departement

BATCH_SIZE = 2000


class Command(BaseCommand):
    help = "Charge les départements et les communes de référence (données hors ligne)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-progress", action="store_true", help="Sans barre de progression.")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Ne rien faire si les communes sont déjà chargées.",
        )
        parser.add_argument(
            "--departements",
            default="",
            help="Codes séparés par des virgules (par défaut : toute la France).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Commune.objects.exists():
            return
        wanted = {code.strip() for code in options["departements"].split(",") if code.strip()}
        departements = reference.departements()
        communes = [
            commune
            for commune in reference.iter_communes()
            if not wanted or commune.departement in wanted
        ]
        disable = options["no_progress"] or options["verbosity"] == 0
        with transaction.atomic():
            Departement.objects.bulk_create(
                [Departement(code=d.code, name=d.name, region=d.region) for d in departements],
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=["name", "region"],
            )
            with tqdm(total=len(communes), desc="Communes", unit="commune", disable=disable) as bar:
                for start in range(0, len(communes), BATCH_SIZE):
                    batch = communes[start : start + BATCH_SIZE]
                    Commune.objects.bulk_create(
                        [
                            Commune(
                                code=c.code,
                                name=c.name,
                                departement_id=c.departement,
                                population=c.population,
                                postcodes="|".join(c.postcodes),
                                latitude=c.lat,
                                longitude=c.lon,
                            )
                            for c in batch
                        ],
                        update_conflicts=True,
                        unique_fields=["code"],
                        update_fields=[
                            "name",
                            "departement",
                            "population",
                            "postcodes",
                            "latitude",
                            "longitude",
                        ],
                    )
                    bar.update(len(batch))
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(departements)} départements et {len(communes)} communes chargés."
            )
        )
