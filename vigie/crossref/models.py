"""What cross-referencing stores. Nothing here names a plate, a phone or a handle in clear.

- `EntityToken`: one row per (report, blind-index token) for candidate retrieval; a token is an
  HMAC under the blind-index key (`vigie.core.crypto.blind_index`), never the value.
- `ReportFeatures`: what the engine knows of a report, sealed to the cell (it holds plates).
- `Link`: two reports, the rules that fired (codes), a weight, and the French evidence sealed
  to the cell (it quotes plates and phones).
- `Dossier` and `DossierMember`: reports grouped by the engine's clusters; a report belongs to
  at most one live dossier. Notes are sealed.
- `AnalystDecision`: confirm or reject a pair, merge, split; replayed on every re-clustering.
- `Watchlist` / `WatchAlert`: an analyst's watched plate, phone, handle or area.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import HourDateTimeField, PublicIdModel, RandomIdModel, TimeStampedModel


class DossierStatus(models.TextChoices):
    ACTIVE = "actif", _("Actif")
    WATCHED = "sous_surveillance", _("Sous surveillance")
    DISMANTLED = "demantele", _("Démantelé")
    CLOSED = "clos", _("Clos")


class DossierKind(models.TextChoices):
    """What the engine recognises a dossier as (`vigie.engine.linking.dossier_kind`)."""

    POINT_OF_SALE = "point_de_vente", _("Point de vente")
    DELIVERY = "reseau_livraison", _("Réseau de livraison")
    MOBILE_SELLER = "vendeur_mobile", _("Vendeur mobile")
    STASH = "nourrice", _("Nourrice")
    RELAY_VEHICLE = "vehicule_relais", _("Véhicule relais")
    ONLINE = "vente_en_ligne", _("Vente en ligne")
    OTHER = "autre", _("Autre")


class DecisionKind(models.TextChoices):
    CONFIRM = "confirm", _("Lien confirmé")
    REJECT = "reject", _("Lien rejeté")
    MERGE = "merge", _("Dossiers fusionnés")
    SPLIT = "split", _("Dossier scindé")


class WatchKind(models.TextChoices):
    PLATE = "plate", _("Plaque (complète ou partielle)")
    PHONE = "phone", _("Téléphone")
    HANDLE = "handle", _("Compte (réseau social)")
    AREA = "area", _("Zone")


class EntityToken(RandomIdModel):
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="entity_tokens"
    )
    kind = models.CharField(max_length=24)
    token = models.CharField(max_length=64)
    # The blind-index key version it was made with (vigie.core.rotation).
    key_version = models.PositiveIntegerField(default=1, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["token"], name="crossref_token_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kind", "token"], name="crossref_token_once_per_report"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"


class ReportFeatures(RandomIdModel):
    """The engine's view of a report, sealed: re-deriving it means a decryption and an analysis
    per candidate; opening this is one decryption."""

    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, related_name="linking_features"
    )
    sealed = models.BinaryField()
    linked_at = models.DateTimeField()
    # The commune the cell's map counts the report in: the report's own, or the one nearest
    # its point (no coarser than what the triage list already shows in clear).
    area = models.CharField(max_length=5, blank=True, db_index=True)

    def __str__(self) -> str:
        return str(self.report_id)

    @property
    def associated_data(self) -> bytes:
        return b"crossref-features:" + str(self.report_id).encode()


class Link(RandomIdModel):
    """Two reports the engine links, `report_a.pk < report_b.pk`."""

    report_a = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+")
    report_b = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+")
    rules = models.JSONField(default=list)
    weight = models.FloatField()
    sealed_evidence = models.BinaryField()
    created_at = HourDateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report_a", "report_b"], name="crossref_link_once"),
            models.CheckConstraint(
                condition=models.Q(report_a__lt=models.F("report_b")), name="crossref_link_ordered"
            ),
        ]
        indexes = [models.Index(fields=["report_b"], name="crossref_link_b_idx")]

    def __str__(self) -> str:
        return f"{self.report_a_id}–{self.report_b_id} {self.weight:.2f}"

    @property
    def associated_data(self) -> bytes:
        return f"crossref-link:{self.report_a_id}:{self.report_b_id}".encode()


SHORT_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SHORT_CODE_LENGTH = 6
SHORT_CODE_SPACE = 32**SHORT_CODE_LENGTH


def short_code(number: int) -> str:
    """The low 30 bits of `number` in 6 characters of Crockford's base 32."""
    value = number % SHORT_CODE_SPACE
    digits = []
    for _position in range(SHORT_CODE_LENGTH):
        value, digit = divmod(value, 32)
        digits.append(SHORT_CODE_ALPHABET[digit])
    return "".join(reversed(digits))


def parse_short_code(text: str) -> int | None:
    """The inverse of short_code, forgiving what people type (lower case, O for 0, I/L for 1)."""
    cleaned = text.strip().upper().translate(str.maketrans("OIL", "011"))
    if len(cleaned) != SHORT_CODE_LENGTH or any(c not in SHORT_CODE_ALPHABET for c in cleaned):
        return None
    value = 0
    for character in cleaned:
        value = value * 32 + SHORT_CODE_ALPHABET.index(character)
    return value


class Dossier(RandomIdModel, PublicIdModel, TimeStampedModel):
    # The département of most of its reports (a cross-border dossier is seen by each cell
    # whose reports it holds: `DossierMember.departement`).
    departement = models.ForeignKey(
        "geo.Departement", on_delete=models.PROTECT, related_name="dossiers"
    )
    kind = models.CharField(_("type"), max_length=32, blank=True)
    status = models.CharField(
        _("statut"), max_length=20, choices=DossierStatus.choices, default=DossierStatus.ACTIVE
    )
    sealed_notes = models.BinaryField(default=b"", blank=True)
    size = models.PositiveIntegerField(default=0)
    last_report_at = models.DateTimeField(null=True, blank=True)
    # Made and updated by the worker seconds after a report arrives: to the hour.
    created_at = HourDateTimeField(auto_now_add=True)
    updated_at = HourDateTimeField(auto_now=True)
    # Set when its reports went into another dossier (by the engine or an analyst's merge):
    # its URL then leads to that one.
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [
            models.Index(fields=["departement", "merged_into", "last_report_at"]),
        ]
        verbose_name = _("dossier")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """What analysts read and type: « D- » and 6 characters of the random id (Crockford's
        base 32: no I, L, O, U). Not a sequence: dossier numbers in order would tell in which
        order dossiers formed, hence reports arrived."""
        return f"D-{short_code(self.pk)}"

    @property
    def kind_label(self) -> str:
        return str(DossierKind(self.kind).label) if self.kind in DossierKind.values else self.kind

    @property
    def associated_data(self) -> bytes:
        return b"crossref-dossier-notes:" + str(self.public_id).encode()


class DossierMember(RandomIdModel):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="members")
    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, related_name="dossier_membership"
    )
    departement = models.ForeignKey("geo.Departement", on_delete=models.PROTECT, related_name="+")
    added_at = HourDateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["departement", "dossier"])]

    def __str__(self) -> str:
        return f"{self.dossier_id}:{self.report_id}"


class AnalystDecision(models.Model):
    """An analyst's word on the engine's grouping; replayed, never overridden by it.

    confirm/reject: a pair of reports; merge: a confirmed pair joining two dossiers;
    split: `group` is [[report ids taken out], [report ids kept]], the two sides kept apart.
    """

    kind = models.CharField(max_length=8, choices=DecisionKind.choices)
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    report_a = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    report_b = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    group = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["at", "id"]
        # Linking reads the splits on every new report (`services._decisions_for`): by kind,
        # not by a scan of every decision ever taken.
        indexes = [models.Index(fields=["kind"], name="crossref_decision_kind_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.report_a_id}–{self.report_b_id}"


class Watchlist(PublicIdModel, TimeStampedModel):
    """A watched entity. Plates, phones and handles are kept as blind-index tokens only (the
    page shows the `label` the analyst typed, sealed)."""

    departement = models.ForeignKey("geo.Departement", on_delete=models.PROTECT, related_name="+")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("type"), max_length=8, choices=WatchKind.choices)
    sealed_label = models.BinaryField()
    # The blind-index tokens a matching report stores (one of them is enough).
    tokens = models.JSONField(default=list, blank=True)
    # An area: a circle (centre and radius), in clear: it is the cell's own choice.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    radius_m = models.PositiveIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    @property
    def associated_data(self) -> bytes:
        return b"crossref-watch:" + str(self.public_id).encode()


class WatchAlert(RandomIdModel):
    watchlist = models.ForeignKey(Watchlist, on_delete=models.CASCADE, related_name="alerts")
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+")
    at = HourDateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["watchlist", "report"], name="crossref_alert_once")
        ]

    def __str__(self) -> str:
        return f"{self.watchlist_id}:{self.report_id}"
