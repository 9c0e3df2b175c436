"""The classifier's second opinion on the rules' triage and category, and how it is told.

The rules decide first. The classifier (``model.py``) may:

- raise a report to ``urgence`` when the rules found no emergency but the classifier finds
  one likely (``URGENCE`` threshold, low on purpose: a missed emergency is the worst error,
  so in doubt the citizen is told to call the 17);
- move a report between the non-urgent labels when the rules' decision rests on the absence
  of a cue (``hors_champ`` "no sign of trafficking", ``vague``) and the classifier is
  confident (``TRIAGE`` threshold);
- give a category when the rules found none or only weak cues (``CATEGORY`` threshold),
  also to an emergency that happens within the trade (a fire in a stash, a lookout beaten).

Every such change adds a ``Reason`` naming the classifier, its probability and the words that
weighed most, so a reader sees that it is a statistical opinion, not a rule. The thresholds were
chosen on the validation share of ``data/train`` (see ``data/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from vigie.engine.analysis import model as classifier
from vigie.engine.analysis.types import Reason, Triage

URGENCE: Final = 0.45
TRIAGE: Final = 0.8
CATEGORY: Final = 0.5
# Rule decisions the classifier may revise (those resting on what was not found), and to what.
_REVISABLE: Final[frozenset[str]] = frozenset({"hors_champ", "tranquillite", "vague"})
_WEAK_CATEGORY: Final = 2.5


@dataclass(frozen=True, slots=True)
class Opinion:
    model: classifier.Model
    prediction: classifier.Prediction

    @property
    def urgent(self) -> bool:
        return self.prediction.triage["urgence"] >= URGENCE

    def _reason(self, decision: str, label: str, p: float, rule: str) -> Reason:
        words = self.model.reasons(self.prediction, label)
        return Reason(decision, f"second avis du classifieur : {rule} (p = {p:.2f})", words)

    def urgence_reason(self) -> Reason:
        p = self.prediction.triage["urgence"]
        return self._reason(
            "triage", "urgence", p, "danger probable sans règle déclenchée : appelez le 17"
        )

    def review_triage(self, label: Triage, reasons: list[Reason]) -> Triage:
        probabilities = self.prediction.triage
        best = max(probabilities, key=probabilities.__getitem__)
        p = probabilities[best]
        if label not in _REVISABLE or best == label or best == "urgence" or p < TRIAGE:
            return label
        if best == "exploitable":  # exploitable needs the facts the rules check
            return label
        reasons.insert(0, self._reason("triage", best, p, f"{best} plutôt que {label}"))
        return best  # type: ignore[return-value]

    def review_category(
        self, label: Triage, category: str | None, weight: float, reasons: list[Reason]
    ) -> str | None:
        if label not in ("vague", "exploitable", "urgence"):
            return category
        probabilities = self.prediction.category
        best = max(probabilities, key=probabilities.__getitem__)
        p = probabilities[best]
        if best == classifier.NO_CATEGORY or best == category or p < CATEGORY:
            return category
        if category is not None and weight >= _WEAK_CATEGORY:
            return category
        reasons.append(self._reason("category", best, p, f"catégorie {best}"))
        return best


def consult(text: str, folded: bool = False) -> Opinion | None:
    """The classifier's opinion on ``text`` (None when the model is not built); ``folded``:
    ``text`` is already folded (`normalize.fold_text`)."""
    model = classifier.load()
    if model is None:
        return None
    return Opinion(model, model.predict(classifier.features(text, folded=folded)))
