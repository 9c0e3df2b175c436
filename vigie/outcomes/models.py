"""What came of a dossier or a report: one `Outcome` per dated operation, several over time.

Every figure is a plain column or row (summed per département and month by
`vigie.outcomes.selectors`); only the comment is sealed to the cell, like a dossier's notes.

An outcome is linked to the dossier it was recorded on (if any) *and* to the reports that
dossier held then (`reports`): when dossiers merge or split later, or when a report with its
own outcome joins a dossier, each page finds the outcomes through its reports. It is counted
once, in the département of the cell it was recorded for (`departement`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from vigie.core.models import PublicIdModel
from vigie.outcomes.enums import Drug, NoResultReason, QuantityUnit, WeaponKind

# The judicial chain, in order: each stage is a subset of the one before (see
# vigie.outcomes.validation.JUDICIAL_CHAIN for why).
CHAIN_FIELDS = ("arrests", "custodies", "referrals", "committals")


def _chain_holds() -> Q:
    """Each later stage at most each earlier one. A stage left empty (NULL) is not compared:
    SQL's CHECK lets an unknown pass, as Django's validation does (Coalesce to true)."""
    condition = Q()
    for position, later in enumerate(CHAIN_FIELDS):
        for earlier in CHAIN_FIELDS[:position]:
            condition &= Q(**{f"{later}__lte": F(earlier)})
    return condition


def _nothing_seized() -> Q:
    condition = Q(cash_eur__isnull=True, vehicles__isnull=True, dismantled_on__isnull=True)
    for name in CHAIN_FIELDS:
        condition &= Q(**{f"{name}__isnull": True}) | Q(**{name: 0})
    return condition


class Outcome(PublicIdModel):
    departement = models.ForeignKey("geo.Departement", on_delete=models.PROTECT, related_name="+")
    dossier = models.ForeignKey(
        "crossref.Dossier",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    # The reports it concerns; a report purged by retention leaves the outcome (the figures).
    reports = models.ManyToManyField("reports.Report", related_name="outcomes", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Set when a unit's member records it (closing a dispatch).
    unit = models.ForeignKey(
        "cells.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("saisie le"))
    occurred_on = models.DateField(_("date de l’opération"))
    surveillance_on = models.DateField(_("surveillance mise en place le"), null=True, blank=True)
    # Empty: not said in this outcome (maybe in another one); 0: said to be none.
    arrests = models.PositiveIntegerField(_("interpellations"), null=True, blank=True)
    custodies = models.PositiveIntegerField(_("gardes à vue"), null=True, blank=True)
    referrals = models.PositiveIntegerField(_("déferrements"), null=True, blank=True)
    committals = models.PositiveIntegerField(_("écrous"), null=True, blank=True)
    cash_eur = models.DecimalField(
        _("numéraire saisi (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    vehicles = models.PositiveIntegerField(_("véhicules saisis"), null=True, blank=True)
    dismantled_on = models.DateField(_("point de deal démantelé le"), null=True, blank=True)
    no_result_reason = models.CharField(
        _("sans résultat"), max_length=24, choices=NoResultReason.choices, blank=True
    )
    sealed_comment = models.BinaryField(default=b"", blank=True)

    class Meta:
        ordering = ["-occurred_on", "-recorded_at"]
        verbose_name = _("suite")
        indexes = [
            models.Index(fields=["departement", "occurred_on"]),
            models.Index(fields=["departement", "dismantled_on"]),
            models.Index(fields=["departement", "surveillance_on"]),
        ]
        constraints = [
            models.CheckConstraint(name="outcome_judicial_chain", condition=_chain_holds()),
            models.CheckConstraint(
                name="outcome_no_result_seizes_nothing",
                condition=Q(no_result_reason="") | _nothing_seized(),
            ),
            models.CheckConstraint(
                name="outcome_cash_positive", condition=Q(cash_eur__isnull=True) | Q(cash_eur__gt=0)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.departement_id} {self.occurred_on}"

    @property
    def associated_data(self) -> bytes:
        return b"outcome-comment:" + str(self.public_id).encode()

    @property
    def is_no_result(self) -> bool:
        return bool(self.no_result_reason)


class DrugSeizure(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="drugs")
    drug = models.CharField(_("produit"), max_length=16, choices=Drug.choices)
    quantity = models.DecimalField(_("quantité"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("unité"), max_length=8, choices=QuantityUnit.choices)
    # What "other" is (or a precision: "kétamine" for a synthetic drug). No one's name.
    label = models.CharField(_("précision"), max_length=80, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(name="drug_quantity_positive", condition=Q(quantity__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.drug} {self.quantity} {self.unit}"


class WeaponSeizure(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="weapons")
    kind = models.CharField(_("type d’arme"), max_length=16, choices=WeaponKind.choices)
    count = models.PositiveIntegerField(_("nombre"))
    label = models.CharField(_("précision"), max_length=80, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(name="weapon_count_positive", condition=Q(count__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.count}"


class AssetSeizure(models.Model):
    """A seized asset other than cash and vehicles (jewellery, a flat…), valued in euros."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="assets")
    label = models.CharField(_("bien"), max_length=80)
    value_eur = models.DecimalField(_("valeur estimée (€)"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(name="asset_value_positive", condition=Q(value_eur__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.value_eur}"
