from django.apps import AppConfig


class CellsConfig(AppConfig):
    name = "vigie.cells"
    label = "cells"
    verbose_name = "Cellules et unités"
