"""`vigie demo`: fill an empty database with the demo, and print its logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vigie.demo.services import (
    DEMO_TOTP_KEY_BASE32,
    DemoRefused,
    DemoSummary,
    create_demo,
    demo_summary,
    demo_totp_code,
)

BACKOFFICE_URL = "http://127.0.0.1:8000/cellule/"


class Command(BaseCommand):
    help = (
        "Remplit une base vide avec une démonstration clairement marquée : la cellule du Doubs, "
        "ses agents et dix mois de signalements fictifs, plus la cellule du Jura."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="N’affiche rien.")
        parser.add_argument(
            "--logins-only",
            action="store_true",
            help="Affiche les identifiants d’une démonstration existante, sans rien créer.",
        )

        parser.add_argument(
            "--code",
            action="store_true",
            help="Affiche le code de vérification du moment des comptes de démonstration.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        quiet = options["quiet"]
        if options["code"]:
            if demo_summary() is None:
                raise CommandError("Pas de démonstration dans cette base (voir `vigie demo`).")
            self.stdout.write(demo_totp_code())
            return
        if options["logins_only"]:
            summary = demo_summary()
            if summary is None:
                if not quiet:
                    self.stdout.write("Pas de démonstration dans cette base (voir `vigie demo`).")
                return
        else:
            if not quiet and demo_summary() is None:
                self.stdout.write("Création de la démonstration (une demi-minute environ)…")
            try:
                summary = create_demo()
            except DemoRefused as error:
                raise CommandError(str(error)) from error
            if not quiet:
                self._write_figures(summary)
        if not quiet:
            self._write_logins(summary)

    def _write_figures(self, summary: DemoSummary) -> None:
        per_departement = ", ".join(
            f"{count} dans le {code}" for code, count in sorted(summary.reports.items())
        )
        verb = "créée" if summary.created else "déjà présente"
        self.stdout.write(
            self.style.SUCCESS(
                f"Démonstration {verb} : {summary.cells} cellules, {summary.units} unités, "
                f"{summary.agents} agents, signalements {per_departement} "
                f"({summary.suggested_exploitable} jugés exploitables par l’analyse, "
                f"{summary.awaiting_triage} en attente de qualification)."
            )
        )

    def _write_logins(self, summary: DemoSummary) -> None:
        width = max(len(login.username) for login in summary.logins) + 2
        role_width = max(len(login.role) for login in summary.logins) + 2
        self.stdout.write("")
        self.stdout.write(f"Comptes de démonstration — mot de passe commun : {summary.password}")
        self.stdout.write(f"  {'identifiant':<{width}}{'rôle':<{role_width}}département")
        for login in summary.logins:
            self.stdout.write(
                f"  {login.username:<{width}}{login.role:<{role_width}}{login.departement}"
            )
        key = " ".join(
            DEMO_TOTP_KEY_BASE32[i : i + 4] for i in range(0, len(DEMO_TOTP_KEY_BASE32), 4)
        )
        self.stdout.write(
            f"Second facteur (démonstration seulement, clé publique) : clé TOTP commune {key}\n"
            "  à ajouter dans une application d’authentification, ou code du moment avec\n"
            "  `.venv/bin/python manage.py demo --code`"
        )
        self.stdout.write(f"Espace des cellules : {BACKOFFICE_URL}")
