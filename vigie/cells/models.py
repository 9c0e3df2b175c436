from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import PublicIdModel, TimeStampedModel


class Cell(TimeStampedModel):
    """The CROSS of one département: police, gendarmerie, customs and partners."""

    departement = models.OneToOneField(
        "geo.Departement", on_delete=models.PROTECT, related_name="cell"
    )
    name = models.CharField(_("nom"), max_length=120)
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("Adresse électronique ou téléphone de la permanence de la cellule."),
    )
    # A deactivated cell keeps its history; its agents lose the cell's pages (works_in_a_cell).
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("données de démonstration"), default=False)

    class Meta:
        ordering = ["departement_id"]
        verbose_name = _("cellule (CROSS)")

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    POLICE_ZONE = "police_zone", _("Zone police")
    GENDARMERIE_ZONE = "gendarmerie_zone", _("Zone gendarmerie")
    JUDICIAL_POLICE = "judicial_police", _("Police judiciaire")
    CUSTOMS = "customs", _("Douane")
    MUNICIPAL_POLICE = "municipal_police", _("Police municipale")


class Unit(PublicIdModel, TimeStampedModel):
    """A unit the cell passes reports to (a police station, a gendarmerie company…)."""

    cell = models.ForeignKey(Cell, on_delete=models.PROTECT, related_name="units")
    name = models.CharField(_("nom"), max_length=160)
    kind = models.CharField(_("type"), max_length=32, choices=UnitKind.choices)
    contact_email = models.EmailField(_("adresse électronique de contact"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["cell_id", "name"]
        verbose_name = _("unité")

    def __str__(self) -> str:
        return self.name
