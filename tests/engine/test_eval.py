"""The analysis measured on the development set: a regression below these figures fails CI.

The thresholds sit a little under what the engine reaches on ``dev.jsonl``; the targets of
issue 10 (urgence recall ≥ 0.98, macro-F1 ≥ 0.90, category accuracy ≥ 0.85, handles F1 ≥ 0.95,
partial plates F1 ≥ 0.90) are measured on fresh batches scored before reading them
(``vigie/engine/analysis/data/README.md``). Since the classifier's second opinion (issue 10),
dev.jsonl's macro-F1 is 0.988 (two reports moved between vague and urgence/tranquillite by
the classifier), still above 0.95; nothing here was lowered.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from vigie.engine.analysis.evaluate import DEV_PATH, Report, evaluate, load

REPO_ROOT = Path(__file__).resolve().parents[2]
THRESHOLDS = {
    "macro_f1": 0.95,
    "urgence_recall": 1.0,
    "category_accuracy": 0.8,
    "plates": 0.95,
    "partial_plates": 0.9,
    "phones": 0.95,
    "handles": 0.95,
}


SHARED_DEV = REPO_ROOT / ".." / "shared" / "eval" / "dev.jsonl"


def _dev_path() -> Path:
    env = os.environ.get("VIGIE_EVAL_PATH")
    return Path(env) if env else DEV_PATH


def test_the_repository_copy_of_dev_jsonl_is_the_briefs() -> None:
    """A clone alone runs the suite; the copy must not drift from the brief's file."""
    assert DEV_PATH.is_file()
    if SHARED_DEV.is_file():
        assert DEV_PATH.read_bytes() == SHARED_DEV.read_bytes()


@pytest.fixture(scope="module")
def report() -> Report:
    path = _dev_path()
    if not path.is_file():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"evaluation set missing in CI: {path}")
        pytest.skip(f"evaluation set not found: {path}")
    return evaluate(load(path))


def test_triage_macro_f1(report: Report) -> None:
    assert report.macro_f1 >= THRESHOLDS["macro_f1"], report.errors


def test_no_emergency_is_missed(report: Report) -> None:
    assert report.urgence_recall >= THRESHOLDS["urgence_recall"], report.errors


def test_category_accuracy(report: Report) -> None:
    assert report.category_accuracy >= THRESHOLDS["category_accuracy"]


@pytest.mark.parametrize("kind", ["plates", "partial_plates", "phones", "handles"])
def test_entity_f1(report: Report, kind: str) -> None:
    assert report.entities[kind].f1 >= THRESHOLDS[kind], report.entities[kind]


def test_own_tuning_set_stays_correct() -> None:
    """Our hand-written reports (not dev.jsonl): every rule fixed for them stays fixed."""
    from vigie.engine.analysis.evaluate import TUNING_PATH

    tuning = evaluate(load(TUNING_PATH))
    assert tuning.urgence_recall == 1.0, tuning.errors
    assert tuning.macro_f1 >= 0.95, tuning.errors
    assert all(c.f1 >= 0.95 for c in tuning.entities.values()), tuning.entities


def test_several_files_are_scored_together_with_the_false_urgence_rate(tmp_path: Path) -> None:
    from vigie.engine.analysis.evaluate import main

    empty = {"plates": [], "partial_plates": [], "phones": [], "handles": []}
    rows = [
        ("a1", "un homme vient de sortir un couteau devant le 3 rue Hoche, maintenant", "urgence"),
        ("a2", "mon voisin met la musique trop fort la nuit", "tranquillite"),
    ]
    paths = []
    for i, (ident, text, label) in enumerate(rows):
        path = tmp_path / f"batch-{i}.jsonl"
        labels = {"triage": label, "category": None, **empty}
        path.write_text(json.dumps({"id": ident, "text": text, "labels": labels}) + "\n")
        paths.append(str(path))
    report = evaluate(load(*(Path(p) for p in paths)))
    assert report.n == 2
    assert report.urgence_recall == 1.0
    assert report.false_urgence_rate == 0.0
    assert main(["--row", paths[0]]) == 0
