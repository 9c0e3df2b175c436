"""Base model pieces shared by the domain apps."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils import timezone

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


class PublicIdModel(models.Model):
    """A random public identifier: URLs never expose sequential database ids."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True
