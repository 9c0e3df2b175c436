"""Base model pieces shared by the domain apps."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.core.privacy import to_the_hour


class HourDateTimeField(models.DateTimeField):
    """`auto_now`/`auto_now_add`, to the hour.

    For rows made on a citizen's action, or by the worker seconds after it (links, dossiers,
    alerts): an exact time there would date the citizen's submission to the second, which the
    report itself keeps to the hour (issue 12 finding 4).
    """

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        if self.auto_now or (self.auto_now_add and add):
            value = to_the_hour(timezone.now())
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def random_id() -> int:
    """A primary key drawn at random in [1, 2**62]: rows made by citizens' submissions do not
    number them in order (a stolen database would otherwise order the submissions of an hour,
    whose times are kept to the hour). A collision (1 in 4·10^18 per pair) fails the insert."""
    return secrets.randbits(62) + 1


class RandomIdModel(models.Model):
    id = models.BigIntegerField(primary_key=True, default=random_id, editable=False)

    class Meta:
        abstract = True


class PublicIdModel(models.Model):
    """A random public identifier: URLs never expose sequential database ids."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class KeyKind(models.TextChoices):
    REPORTS = "reports", _("Clé des signalements")
    BLIND_INDEX = "blind_index", _("Clé des index aveugles")


class KeyRotation(models.Model):
    """One rotation of a key (vigie.core.rotation): from `from_version` to `to_version`.

    `finished_at` is set once nothing made with the old version remains and its key file
    was shredded. An intake reads this table to refuse sealing under a retired version."""

    kind = models.CharField(max_length=16, choices=KeyKind.choices)
    from_version = models.PositiveIntegerField()
    to_version = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "to_version"], name="one_rotation_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.kind} v{self.from_version} → v{self.to_version}"
