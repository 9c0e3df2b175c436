"""The classifier: rebuilt from the repository it gives the committed artefact byte for byte,
and its second opinion is told in ``reasons`` when it changes a decision."""

from __future__ import annotations

import pytest

from vigie.engine.analysis import analyse, model, second_opinion
from vigie.engine.analysis.training import build, dumps, split
from vigie.engine.analysis.types import CATEGORIES, TRIAGES

_CATEGORIES = (*CATEGORIES, model.NO_CATEGORY)


def test_rebuilding_gives_the_committed_artefact() -> None:
    train, valid = split()
    assert train and valid
    assert not {r["id"] for r in train} & {r["id"] for r in valid}
    assert dumps(build(train)) == model.MODEL_PATH.read_text(encoding="utf-8")


def test_dev_set_is_never_trained_on() -> None:
    train, _ = split()
    assert not any(str(row["id"]).startswith("d") and str(row["id"])[1:].isdigit() for row in train)


def _toy(triage: str, category: str, word: str) -> model.Model:
    row = [0.0] * (len(TRIAGES) + len(_CATEGORIES))
    row[TRIAGES.index(triage)] = 90.0  # type: ignore[arg-type]
    row[len(TRIAGES) + _CATEGORIES.index(category)] = 90.0
    return model.Model(TRIAGES, _CATEGORIES, [0.0] * len(row), {f"w:{word}": row})


def test_the_second_opinion_raises_an_emergency_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "le zorglub du quartier au parking"
    monkeypatch.setattr(model, "load", lambda: _toy("urgence", "none", "zorglub"))
    result = analyse(text)
    assert result.triage == "urgence"
    first = result.reasons[0]
    assert "classifieur" in first.rule and "17" in first.rule
    assert "zorglub" in first.evidence


def test_the_second_opinion_gives_a_category_the_rules_did_not_find(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "je pense qu'il y a de la drogue chez le zorglub de ma rue"
    monkeypatch.setattr(model, "load", lambda: _toy("vague", "stockage", "zorglub"))
    result = analyse(text)
    assert result.triage == "vague"
    assert result.category == "stockage"
    assert any(r.decision == "category" and "classifieur" in r.rule for r in result.reasons)


def test_without_a_built_model_the_rules_alone_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "load", lambda: None)
    assert second_opinion.consult("un homme vient de sortir un pistolet") is None
    assert analyse("un homme vient de sortir un pistolet, maintenant").triage == "urgence"


def test_the_category_head_learns_only_from_reports_in_scope() -> None:
    # "zorglub" appears only in out-of-scope reports: it says nothing about a kind of trade
    def row(text: str, triage: str, category: str | None) -> dict[str, object]:
        return {"id": text, "text": text, "labels": {"triage": triage, "category": category}}

    rows = [
        row("ils vendent dans le hall tous les soirs", "exploitable", "point_de_deal"),
        row("un livreur apporte la drogue a domicile", "exploitable", "livraison"),
        row("zorglub mon voisin fait du bruit", "hors_champ", None),
        row("zorglub la fete d'a cote est bruyante", "hors_champ", None),
    ]
    built = build(rows)
    n_triage = len(built["triage"])  # type: ignore[arg-type]
    weights = built["weights"]  # type: ignore[index]
    zorglub = [ws for feature, ws in weights.items() if "zorglub" in feature]
    assert zorglub, "the word should still weigh on the triage"
    assert all(w == 0.0 for ws in zorglub for w in ws[n_triage:])


def test_the_word_cache_stops_at_its_bound_and_features_stay_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long-running server's memory: the cache of words' features is bounded."""
    assert model._WORD_FEATURES_MAX <= 50_000  # ~480 bytes a word: under 24 MiB a process
    monkeypatch.setattr(model, "_WORD_FEATURES", {})
    monkeypatch.setattr(model, "_WORD_FEATURES_MAX", 3)
    words = [f"mot{chr(97 + i)}long" for i in range(6)]
    first = model.features(" ".join(words))
    assert len(model._WORD_FEATURES) == 3
    assert model.features(" ".join(words)) == first  # past the bound, worked out each time
    assert "c:<mot" in first and all(f"w:{word}" in first for word in words)
