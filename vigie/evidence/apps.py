from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "vigie.evidence"
    label = "evidence"
    verbose_name = "Preuves (photos, vidéos)"
