"""Failure classes of held-out batch J (scored first, then read), each written anew here."""

from __future__ import annotations

import pytest

from vigie.engine.analysis import analyse
from vigie.engine.analysis.types import Handle


@pytest.mark.parametrize(
    "text",
    [
        # trafficking told only by what is seen: short stops, loads, a convoy, a night truck
        "Chaque soir vers 22h une Polo grise GT-418-KC se gare devant le 7 rue Victor Hugo à "
        "Niort, le passager monte 3 minutes dans l'immeuble puis repart.",
        "Au 12 allée des Tilleuls à Vierzon, cave 4 : la porte a été blindée le mois dernier, "
        "des jeunes y descendent tous les jours vers 18h.",
        "Tous les mardis vers 2h du matin, devant la station Total de la N7 à Montélimar, trois "
        "voitures passent en convoi, une Clio blanche FD-772-PL ouvre la route.",
        "Au hangar de la zone artisanale des Coteaux à Pamiers, une camionnette vient la nuit, "
        "vers 3h, et reste une heure, tous les samedis.",
    ],
)
def test_trafficking_seen_without_its_words_is_exploitable(text: str) -> None:
    assert analyse(text).triage == "exploitable"


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        (
            "Sur Discord, serveur « Planète Verte », l'utilisateur green_tony44 vend de la "
            "beuh et de la coke, envoi par colis.",
            Handle("other", "green_tony44"),
        ),
        (
            "Un vendeur de Nancy utilise Signal, l'identifiant c'est verdure.54 : il vend de la "
            "cocaïne et livre le week-end.",
            Handle("signal", "verdure.54"),
        ),
    ],
)
def test_an_account_introduced_as_a_user_or_an_identifier_is_read(
    text: str, handle: Handle
) -> None:
    analysis = analyse(text)
    assert handle in analysis.entities.handles
    assert analysis.triage == "exploitable"  # online: an account and what it sells


def test_a_bus_station_named_is_a_precise_place() -> None:
    analysis = analyse("Vente de crack jour et nuit à la gare routière de Bergerac, sous l'abri.")
    assert any(m.kind == "lieu" for m in analysis.entities.places)


@pytest.mark.parametrize(
    "text",
    [
        "Mon frère a été menacé par les guetteurs l'an dernier, c'est terminé maintenant.",
        "J'ai peur de témoigner : ils ont déjà brûlé la voiture d'un voisin qui avait parlé.",
        "Ça deale et ça tire dans toutes les cités de la ville, faites quelque chose !",
    ],
)
def test_dangers_told_as_past_or_everywhere_are_not_emergencies(text: str) -> None:
    assert analyse(text).triage != "urgence"


def test_a_fire_set_now_is_still_an_emergency() -> None:
    assert analyse("Ils brûlent la voiture de mon voisin en ce moment, venez vite").triage == (
        "urgence"
    )
