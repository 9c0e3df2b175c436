from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AGENT = "agent", _("Agent (discussions)")
    ANALYST = "analyst", _("Analyste")
    CELL_HEAD = "cell_head", _("Chef de cellule")
    UNIT_MEMBER = "unit_member", _("Membre d’une unité")
    NATIONAL = "national", _("Niveau national (OFAST)")
    ADMIN = "admin", _("Administrateur")


# Roles that work on the reports of their own cell's département.
CELL_ROLES = frozenset({Role.AGENT, Role.ANALYST, Role.CELL_HEAD})


class Agent(AbstractUser):
    role = models.CharField(_("rôle"), max_length=16, choices=Role.choices, default=Role.AGENT)
    cell = models.ForeignKey(
        "cells.Cell", on_delete=models.PROTECT, null=True, blank=True, related_name="agents"
    )
    unit = models.ForeignKey(
        "cells.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )

    class Meta:
        verbose_name = _("agent")
        constraints = [
            models.CheckConstraint(
                name="cell_roles_have_a_cell",
                condition=~models.Q(role__in=["agent", "analyst", "cell_head"])
                | models.Q(cell__isnull=False),
            ),
        ]

    @property
    def works_in_a_cell(self) -> bool:
        return (
            self.is_active
            and self.role in CELL_ROLES
            and self.cell_id is not None
            and self.cell.is_active
        )


class RecoveryCode(models.Model):
    """A single-use code that replaces the authenticator once (vigie.accounts.otp).

    Shown once when generated; only its hash is stored (the configured password hasher).
    """

    agent = models.ForeignKey(Agent, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=255)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("code de secours")
        verbose_name_plural = _("codes de secours")

    def __str__(self) -> str:
        return f"{self.agent} #{self.pk}"  # never the code: only its hash is stored
