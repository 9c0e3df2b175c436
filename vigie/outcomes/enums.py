"""Coded values of outcomes: English values (stored, counted), French labels."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Drug(models.TextChoices):
    CANNABIS_RESIN = "cannabis_resin", _("Résine de cannabis")
    CANNABIS_HERB = "cannabis_herb", _("Herbe de cannabis")
    COCAINE = "cocaine", _("Cocaïne")
    CRACK = "crack", _("Crack")
    HEROIN = "heroin", _("Héroïne")
    SYNTHETIC = "synthetic", _("Drogues de synthèse (MDMA, ecstasy, kétamine…)")
    OTHER = "other", _("Autre (à préciser)")


class QuantityUnit(models.TextChoices):
    GRAM = "g", _("g")
    KILOGRAM = "kg", _("kg")
    PIECES = "pieces", _("comprimés ou doses")
    PLANTS = "plants", _("pieds")
    LITRE = "l", _("litres")


# Masses are totalled in kilograms; the other units are counted as they are.
KILOGRAMS_PER_UNIT: dict[str, Decimal] = {
    QuantityUnit.GRAM: Decimal("0.001"),
    QuantityUnit.KILOGRAM: Decimal(1),
}

# The units that make sense for each drug: a resin or a powder is weighed; herb may be
# counted in plants (a plantation); crack is sold in "cailloux" and synthetic drugs in pills
# (doses); GHB/GBL are liquids. "Other" takes any unit (its label says what it is).
UNITS_OF_DRUG: dict[str, frozenset[str]] = {
    Drug.CANNABIS_RESIN: frozenset({QuantityUnit.GRAM, QuantityUnit.KILOGRAM}),
    Drug.CANNABIS_HERB: frozenset({QuantityUnit.GRAM, QuantityUnit.KILOGRAM, QuantityUnit.PLANTS}),
    Drug.COCAINE: frozenset({QuantityUnit.GRAM, QuantityUnit.KILOGRAM}),
    Drug.CRACK: frozenset({QuantityUnit.GRAM, QuantityUnit.KILOGRAM, QuantityUnit.PIECES}),
    Drug.HEROIN: frozenset({QuantityUnit.GRAM, QuantityUnit.KILOGRAM}),
    Drug.SYNTHETIC: frozenset(
        {QuantityUnit.GRAM, QuantityUnit.KILOGRAM, QuantityUnit.PIECES, QuantityUnit.LITRE}
    ),
    Drug.OTHER: frozenset(QuantityUnit.values),
}

# Upper bounds of one seizure line, per unit. They catch a slip (grams typed as kilograms, a
# key held down) without refusing a real record: France's largest single seizures are about
# 10 t of cocaine (Dunkirk, Le Havre), some hundred thousand pills, some thousand plants.
# 20 t in kg and in g alike, so the bound does not depend on the unit chosen.
MAXIMUM_QUANTITY: dict[str, Decimal] = {
    QuantityUnit.GRAM: Decimal(20_000_000),
    QuantityUnit.KILOGRAM: Decimal(20_000),
    QuantityUnit.PIECES: Decimal(5_000_000),
    QuantityUnit.PLANTS: Decimal(100_000),
    QuantityUnit.LITRE: Decimal(10_000),
}


class WeaponKind(models.TextChoices):
    HANDGUN = "handgun", _("Arme de poing (pistolet, revolver)")
    LONG_GUN = "long_gun", _("Arme d’épaule (fusil, carabine)")
    AUTOMATIC = "automatic", _("Arme automatique (fusil d’assaut, pistolet-mitrailleur)")
    BLADED = "bladed", _("Arme blanche")
    OTHER = "other", _("Autre arme")


# The seeds count "armes à feu": these three kinds.
FIREARMS = frozenset({WeaponKind.HANDGUN, WeaponKind.LONG_GUN, WeaponKind.AUTOMATIC})


class NoResultReason(models.TextChoices):
    NOTHING_OBSERVED = "nothing_observed", _("Rien constaté lors des vérifications")
    ACTIVITY_STOPPED = "activity_stopped", _("Activité arrêtée ou déplacée")
    NOT_CONFIRMED = "not_confirmed", _("Faits non confirmés par l’enquête")
    NOT_ENOUGH = "not_enough", _("Éléments insuffisants pour agir")
    OTHER_PROCEDURE = "other_procedure", _("Déjà traité dans une autre procédure")
    OTHER = "other", _("Autre raison (à préciser)")
