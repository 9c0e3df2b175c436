"""Reference geography in the database: loaded from vigie/geo/data by `load_geography`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Departement(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=80)
    region = models.CharField(_("région"), max_length=80, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Commune(models.Model):
    code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=80)
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="communes")
    population = models.PositiveIntegerField(_("population"), default=0)
    postcodes = models.CharField(_("codes postaux"), max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("commune")

    def __str__(self) -> str:
        return f"{self.name} ({self.departement_id})"
