from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Connexion")
    LOGIN_FAILED = "login_failed", _("Échec de connexion")
    LOGOUT = "logout", _("Déconnexion")
    VIEW_TRIAGE_LIST = "view_triage_list", _("Consultation de la file de qualification")
    VIEW_REPORT = "view_report", _("Consultation d’un signalement")
    QUALIFY_REPORT = "qualify_report", _("Qualification d’un signalement")
    MESSAGE_CITIZEN = "message_citizen", _("Message envoyé à un citoyen")
    VIEW_EVIDENCE = "view_evidence", _("Consultation d’une pièce jointe")
    VIEW_CHAT_QUEUE = "view_chat_queue", _("Consultation de la file des discussions")
    TAKE_CONVERSATION = "take_conversation", _("Prise en charge d’une discussion")
    VIEW_CONVERSATION = "view_conversation", _("Consultation d’une discussion")
    HAND_OVER_CONVERSATION = "hand_over_conversation", _("Transfert d’une discussion")
    CLOSE_CONVERSATION = "close_conversation", _("Clôture d’une discussion")
    CONVERSATION_TO_REPORT = "conversation_to_report", _("Discussion convertie en signalement")
    EDIT_CANNED_REPLIES = "edit_canned_replies", _("Modification des réponses types")
    RETENTION_PURGE = "retention_purge", _("Purge des données arrivées à échéance")
    VIEW_DOSSIER = "view_dossier", _("Consultation d’un dossier")
    DOSSIER_DECISION = "dossier_decision", _("Décision sur un dossier (lien, fusion, scission)")
    DOSSIER_UPDATE = "dossier_update", _("Statut ou notes d’un dossier")
    VIEW_ENTITY = "view_entity", _("Recherche d’une entité (plaque, téléphone, compte)")
    EDIT_WATCHLIST = "edit_watchlist", _("Modification d’une surveillance")
    SUBMIT_FIELD_REPORT = "submit_field_report", _("Remontée terrain envoyée à la cellule")
    RECORD_OUTCOME = "record_outcome", _("Saisie d’une suite")
    VIEW_OUTCOMES = "view_outcomes", _("Consultation des suites d’un dossier ou signalement")
    # Operations (vigie.operations): dispatches to units and what the units do with them.
    DISPATCH_CREATE = "dispatch_create", _("Transmission à une unité")
    VIEW_DISPATCH = "view_dispatch", _("Consultation d’une transmission par une unité")
    DISPATCH_ACKNOWLEDGE = "dispatch_acknowledge", _("Accusé de réception d’une transmission")
    DISPATCH_QUESTION = "dispatch_question", _("Question d’une unité à la cellule")
    DISPATCH_ANSWER = "dispatch_answer", _("Réponse de la cellule à une unité")
    DISPATCH_NOTE = "dispatch_note", _("Note d’une unité sur une transmission")
    DISPATCH_HAND_BACK = "dispatch_hand_back", _("Transmission rendue à la cellule")
    DISPATCH_CLOSE = "dispatch_close", _("Clôture d’une transmission par l’unité")
    DISPATCH_ESCALATE = "dispatch_escalate", _("Retard d’accusé de réception signalé")
    DISPATCH_SHARE_CONTACT = (
        "dispatch_share_contact",
        _("Contact d’un citoyen transmis à une unité"),
    )
    DISPATCH_CITIZEN_CLOSE = "dispatch_citizen_close", _("Clôture annoncée au citoyen")
    JURISDICTION_IMPORT = "jurisdiction_import", _("Import de la table des compétences")
    EXPORT_BRIEF = "export_brief", _("Note de réunion téléchargée")
    # Administration (vigie.web.backoffice.administration).
    CELL_CREATE = "cell_create", _("Création d’une cellule")
    CELL_UPDATE = "cell_update", _("Modification d’une cellule")
    CELL_ACTIVATION = "cell_activation", _("Activation ou désactivation d’une cellule")
    UNIT_CREATE = "unit_create", _("Création d’une unité")
    UNIT_UPDATE = "unit_update", _("Modification d’une unité")
    UNIT_ACTIVATION = "unit_activation", _("Activation ou désactivation d’une unité")
    AGENT_CREATE = "agent_create", _("Création d’un agent")
    AGENT_UPDATE = "agent_update", _("Changement de rôle ou de cellule d’un agent")
    AGENT_ACTIVATION = "agent_activation", _("Activation ou désactivation d’un agent")
    AGENT_ENROLMENT_LINK = "agent_enrolment_link", _("Nouveau lien d’activation d’un agent")
    AGENT_ACCOUNT_ACTIVATED = "agent_account_activated", _("Compte activé par l’agent")
    AGENT_SECOND_FACTOR_RESET = (
        "agent_second_factor_reset",
        _("Réinitialisation du second facteur d’un agent"),
    )
    AGENT_UNLOCK = "agent_unlock", _("Déblocage d’un agent après trop d’échecs")
    RETENTION_POLICY = "retention_policy", _("Modification des durées de conservation")
    VIEW_AUDIT_LOG = "view_audit_log", _("Consultation du journal d’audit")
    KEY_ROTATION_STARTED = "key_rotation_started", _("Rotation de clé lancée")
    KEY_ROTATION_RESUMED = "key_rotation_resumed", _("Rotation de clé relancée")
    KEY_RESEALED = "key_resealed", _("Lot rechiffré sous la nouvelle clé")
    KEY_ROTATION_FINISHED = "key_rotation_finished", _("Rotation de clé terminée")
    KEY_DESTROYED = "key_destroyed", _("Ancienne clé effacée")


class AuditEvent(models.Model):
    """One row per access; each row's hash covers the previous one (tamper-evident chain)."""

    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    target_type = models.CharField(max_length=32, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("événement d’audit")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action}"
