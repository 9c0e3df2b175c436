"""`vigie keys status`, `vigie keys rotate reports|blind-index`, `vigie keys resume …`:
rotation of the report key pair and the blind-index key (back office only)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from vigie.core import keys
from vigie.core.rotation import (
    KINDS,
    RotationError,
    resume_rotation,
    rotation_status,
    start_rotation,
)


class Command(BaseCommand):
    help = "Rotation des clés (signalements, index aveugles) et état des versions."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("status", help="versions des clés et valeurs restant sous chacune")
        rotate = actions.add_parser("rotate", help="nouvelle clé courante, rechiffrement en fond")
        rotate.add_argument("kind", choices=sorted(KINDS))
        resume = actions.add_parser("resume", help="relancer le travail de fond d’une rotation")
        resume.add_argument("kind", choices=sorted(KINDS))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "status":
                self._status()
            elif options["action"] == "rotate":
                self._rotate(options["kind"])
            else:
                rotation = resume_rotation(options["kind"])
                self.stdout.write(f"Rotation v{rotation.to_version} relancée en arrière-plan.")
        except RotationError as error:
            raise CommandError(str(error)) from error

    def _rotate(self, kind: str) -> None:
        rotation = start_rotation(kind, None)
        self.stdout.write(
            f"Nouvelle clé {kind} v{rotation.to_version} courante ; "
            f"v{rotation.from_version} conservée jusqu’à la fin du travail de fond "
            "(`vigie keys status`)."
        )
        if KINDS[kind] == "reports":
            name = keys.key_file_name(keys.REPORTS, rotation.to_version, keys.PUBLIC_SUFFIX)
            self.stdout.write(
                f"Copiez MAINTENANT {settings.KEYS_DIR / name} vers var/keys/{name} sur l’hôte "
                "d’accueil (propriétaire vigie, mode 0600) puis rechargez-le : tant qu’il ne l’a "
                "pas, il chiffre sous l’ancienne version, et il refusera les dépôts une fois "
                "celle-ci retirée."
            )

    def _status(self) -> None:
        for entry in rotation_status():
            versions = ", ".join(f"v{v}" for v in entry["versions"]) or "aucune"
            self.stdout.write(
                f"{entry['kind']}: courante v{entry['current']} (sur disque : {versions})"
            )
            for version, count in sorted(entry["counts"].items()):
                label = f"v{version}" if version else "clé inconnue"
                self.stdout.write(f"  {label}: {count}")
            running = entry["in_progress"]
            if running is not None:
                self.stdout.write(
                    f"  rotation en cours v{running.from_version} → v{running.to_version} "
                    f"depuis {running.started_at:%Y-%m-%d %H:%M}"
                )
