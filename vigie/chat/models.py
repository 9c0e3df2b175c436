"""Live conversations between a citizen and the cell of their département.

A conversation has its own receipt (``VC-…`` reference + secret), like a report: the
citizen comes back with it to read the answers and go on. Every message is sealed twice,
for the cell and for the citizen (key derived from the receipt), exactly as report messages.

Times: a live chat dated to the hour would be unreadable (“12 h” for the whole exchange), so
a citizen's messages are dated to the minute — what the agent needs to see how long someone
has waited, too coarse to match a message to a connection in a network log (which would
need the second). Order never depends on time: each message carries a per-conversation
sequence number (`seq`), which is also what reconnection resumes from.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import PublicIdModel


class ConversationStatus(models.TextChoices):
    WAITING = "waiting", _("En attente d’un agent")
    ACTIVE = "active", _("En cours")
    CLOSED = "closed", _("Clôturée")


class CloseReason(models.TextChoices):
    ANSWERED = "answered", _("Réponse apportée")
    CONVERTED = "converted", _("Transformée en signalement")
    EMERGENCY = "emergency", _("Orientée vers le 17")
    OUT_OF_SCOPE = "out_of_scope", _("Hors champ (nuisance, voisinage, autre infraction)")
    NO_REPLY = "no_reply", _("Sans réponse du citoyen")
    ABUSIVE = "abusive", _("Propos abusifs ou canular")


class Author(models.TextChoices):
    CITIZEN = "citizen", _("Citoyen")
    AGENT = "agent", _("Agent")
    SYSTEM = "system", _("Information")


class ConversationQuerySet(models.QuerySet["Conversation"]):
    def in_departement(self, departement_code: str) -> ConversationQuerySet:
        return self.filter(departement_id=departement_code)

    def waiting(self) -> ConversationQuerySet:
        """The queue: longest wait first; `id` breaks ties inside the same minute."""
        return self.filter(status=ConversationStatus.WAITING).order_by("waiting_since", "id")


class Conversation(PublicIdModel):
    reference = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=200)
    # X25519 public key derived from the receipt: every message is also sealed to it.
    citizen_key = models.BinaryField(max_length=32)
    # Idempotency of the start form (a double click starts one conversation).
    start_id = models.UUIDField(null=True, blank=True, unique=True)
    departement = models.ForeignKey(
        "geo.Departement", on_delete=models.PROTECT, related_name="conversations"
    )
    commune = models.ForeignKey(
        "geo.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=ConversationStatus.choices,
        default=ConversationStatus.WAITING,
    )
    started_at = models.DateTimeField(_("commencée (à la minute près)"))
    waiting_since = models.DateTimeField(null=True, blank=True)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conversations",
    )
    last_seq = models.PositiveIntegerField(default=0)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(
        _("motif de clôture"), max_length=16, choices=CloseReason.choices, blank=True
    )
    report = models.OneToOneField(
        "reports.Report",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="conversation",
    )

    objects = ConversationQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["departement", "status", "waiting_since"])]
        verbose_name = _("discussion")

    def __str__(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status == ConversationStatus.CLOSED

    @property
    def group_name(self) -> str:
        """The channel-layer group of everyone connected to this conversation."""
        return f"chat.conversation.{self.public_id.hex}"


class ChatMessage(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    seq = models.PositiveIntegerField()
    # Chosen by the sending client: a resend after a dropped connection is stored once.
    client_id = models.UUIDField()
    author = models.CharField(max_length=8, choices=Author.choices)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()  # to the minute (see the module docstring)
    sealed_for_cell = models.BinaryField()
    sealed_for_citizen = models.BinaryField()
    attachment = models.OneToOneField(
        "evidence.StoredFile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="chat_message",
    )

    class Meta:
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="chat_message_seq"),
            models.UniqueConstraint(
                fields=["conversation", "client_id"], name="chat_message_client_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id}#{self.seq} {self.author}"

    @property
    def associated_data(self) -> bytes:
        return f"chat-message:{self.conversation_id}:{self.client_id}".encode()


class CannedReply(models.Model):
    """A ready-made answer the cell's agents insert in one click; the cell edits them."""

    cell = models.ForeignKey("cells.Cell", on_delete=models.CASCADE, related_name="canned_replies")
    title = models.CharField(_("intitulé"), max_length=80)
    text = models.TextField(_("texte"), max_length=2000)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cell", "title"]
        verbose_name = _("réponse type")

    def __str__(self) -> str:
        return self.title
