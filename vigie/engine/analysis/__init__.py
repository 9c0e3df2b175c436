"""Text analysis of citizen reports: triage, category, score, what is missing, entities, reasons.

Pure Python (no Django): ``analyse(text, report=None)`` returns an ``Analysis`` whose
``to_dict()`` is the JSON line written by ``vigie analyse``.
"""

from vigie.engine.analysis.analyse import analyse
from vigie.engine.analysis.types import Analysis, Entities, Handle, Mention, Missing, Reason

__all__ = ["Analysis", "Entities", "Handle", "Mention", "Missing", "Reason", "analyse"]
