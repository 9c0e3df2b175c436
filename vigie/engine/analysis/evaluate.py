"""Evaluation of the analysis on a labelled JSON Lines file (``eval/dev.jsonl``'s shape).

``python -m vigie.engine.analysis.evaluate [--errors] [--json] [--row] [path ...]`` prints,
over all the files given together, per-label precision/recall/F1, the macro-F1, the urgence
recall, the false-urgence rate (share of non-emergencies told to call the 17), entity F1
(plates, partial plates, phones, handles), category accuracy, and the triage and category
confusion matrices.
``--errors`` also lists every report whose triage, category or entities differ from the labels;
``--row`` prints, per file, the row of the first-score log of ``data/README.md``;
``--validation`` scores only the validation share (``training.is_validation``) of the given
files, or of ``data/train`` when none is given (one line of figures, ``--errors`` for details).
The default path is ``$VIGIE_EVAL_PATH`` or ``data/dev.jsonl`` (a copy of the brief's
``eval/dev.jsonl``).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from vigie.engine.analysis.analyse import analyse
from vigie.engine.analysis.training import is_validation, split
from vigie.engine.analysis.types import TRIAGES

ENTITY_KINDS = ("plates", "partial_plates", "phones", "handles")
REPO_ROOT = Path(__file__).resolve().parents[3]
# Reports written by the team to tune the rules; dev.jsonl is only used to check them.
TUNING_PATH = Path(__file__).resolve().parent / "data" / "tuning.jsonl"


# The brief's development set (shared/eval/dev.jsonl), kept in the repository so that a clone
# alone runs the suite (tests/engine/test_eval.py checks the copy against the original when
# the original is next to the repository).
DEV_PATH = Path(__file__).resolve().parent / "data" / "dev.jsonl"


def default_path() -> Path:
    env = os.environ.get("VIGIE_EVAL_PATH")
    return Path(env) if env else DEV_PATH


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Report:
    n: int
    labels: dict[str, Counts]
    entities: dict[str, Counts]
    confusion: dict[str, dict[str, int]]
    category_accuracy: float
    errors: list[str] = field(default_factory=list)
    categories: dict[str, dict[str, int]] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the labels that occur in the truth (all five on a mixed set): a batch
        made of two labels is not scored 0 on the three it does not hold."""
        present = [c for c in self.labels.values() if c.tp + c.fn] or list(self.labels.values())
        return sum(c.f1 for c in present) / len(present)

    @property
    def urgence_recall(self) -> float:
        return self.labels["urgence"].recall

    @property
    def false_urgence_rate(self) -> float:
        """Share of the reports that are not emergencies but were told to call the 17."""
        calm = sum(
            n for truth, row in self.confusion.items() if truth != "urgence" for n in row.values()
        )
        told = sum(row["urgence"] for truth, row in self.confusion.items() if truth != "urgence")
        return told / calm if calm else 0.0

    def metrics(self) -> dict[str, float]:
        """Every headline figure, by name (the thresholds of the tests use the same names)."""
        return {
            "n": float(self.n),
            "macro_f1": self.macro_f1,
            "urgence_recall": self.urgence_recall,
            "false_urgence_rate": self.false_urgence_rate,
            "category_accuracy": self.category_accuracy,
            **{kind: c.f1 for kind, c in self.entities.items()},
        }


def _entity_set(kind: str, values: object) -> set[str]:
    if not isinstance(values, list):
        return set()
    if kind == "handles":
        return {f"{v.get('network')}:{v.get('value')}" for v in values if isinstance(v, Mapping)}
    return {str(v) for v in values}


def _gold(row: Mapping[str, object]) -> Mapping[str, object]:
    gold = row.get("labels")
    if not isinstance(gold, Mapping) or gold.get("triage") not in TRIAGES:
        raise ValueError(f"row {row.get('id')!r}: labels.triage missing or unknown")
    return gold


def evaluate(rows: Sequence[Mapping[str, object]]) -> Report:
    labels: dict[str, Counts] = {t: Counts() for t in TRIAGES}
    entities: dict[str, Counts] = {k: Counts() for k in ENTITY_KINDS}
    confusion: dict[str, dict[str, int]] = {t: dict.fromkeys(TRIAGES, 0) for t in TRIAGES}
    good_category = 0
    errors: list[str] = []
    details: list[str] = []
    categories: dict[str, dict[str, int]] = {}
    for row in rows:
        gold = _gold(row)
        report = row.get("report")
        result = analyse(str(row["text"]), report if isinstance(report, Mapping) else None)
        predicted = result.entities.to_dict()
        truth, guess = str(gold["triage"]), result.triage
        confusion[truth][guess] += 1
        for label in TRIAGES:
            labels[label] += Counts(
                int(truth == label and guess == label),
                int(truth != label and guess == label),
                int(truth == label and guess != label),
            )
        good_category += gold.get("category") == result.category
        wanted_category, got_category = str(gold.get("category")), str(result.category)
        row_of = categories.setdefault(wanted_category, {})
        row_of[got_category] = row_of.get(got_category, 0) + 1
        ident = row.get("id")
        if truth != guess:
            errors.append(f"{ident}: {truth} -> {guess}")
            details.append(f"{ident} triage {truth} -> {guess}")
        if wanted_category != got_category:
            details.append(f"{ident} category {wanted_category} -> {got_category}")
        for kind in ENTITY_KINDS:
            want = _entity_set(kind, gold.get(kind))
            got = _entity_set(kind, predicted[kind])
            entities[kind] += Counts(len(want & got), len(got - want), len(want - got))
            if want != got:
                missed, extra = sorted(want - got), sorted(got - want)
                details.append(f"{ident} {kind} missed {missed} extra {extra}")
    accuracy = good_category / max(1, len(rows))
    return Report(len(rows), labels, entities, confusion, accuracy, errors, categories, details)


def load(*paths: Path) -> list[dict[str, object]]:
    """The rows of one or more JSON Lines files, in order."""
    rows: list[dict[str, object]] = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def format_report(report: Report) -> str:
    lines = [f"{report.n} reports", "", f"{'label':<14}{'P':>7}{'R':>7}{'F1':>7}{'n':>5}"]
    for label, c in report.labels.items():
        support = c.tp + c.fn
        lines.append(f"{label:<14}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{support:5d}")
    lines += [
        "",
        f"triage macro-F1   {report.macro_f1:.3f}",
        f"urgence recall    {report.urgence_recall:.3f}",
        f"false urgence     {report.false_urgence_rate:.3f}"
        " (share of non-emergencies told to call the 17)",
        f"category accuracy {report.category_accuracy:.3f}",
        "",
        f"{'entity':<16}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}",
    ]
    for kind, c in report.entities.items():
        lines.append(
            f"{kind:<16}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.tp:5d}{c.fp:5d}{c.fn:5d}"
        )
    short = {t: t[:6] for t in TRIAGES}
    lines += ["", "confusion (rows: truth, columns: predicted)"]
    lines.append(" " * 14 + "".join(f"{short[t]:>8}" for t in TRIAGES))
    for truth, row in report.confusion.items():
        lines.append(f"{truth:<14}" + "".join(f"{row[t]:8d}" for t in TRIAGES))
    names = sorted(set(report.categories) | {g for r in report.categories.values() for g in r})
    lines += ["", "category confusion (rows: truth, columns: predicted; None = no category)"]
    lines.append(" " * 16 + "".join(f"{n[:7]:>8}" for n in names))
    for truth in names:
        row = report.categories.get(truth, {})
        lines.append(f"{truth:<16}" + "".join(f"{row.get(n, 0):8d}" for n in names))
    if report.errors:
        lines += ["", "misclassified: " + ", ".join(report.errors)]
    return "\n".join(lines)


def log_row(path: Path, report: Report) -> str:
    """The row of the first-score log (``data/README.md``) for one batch, dated now (UTC)."""
    m = report.metrics()
    names = ("macro_f1", "urgence_recall", "false_urgence_rate", "category_accuracy", *ENTITY_KINDS)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M")
    cells = " | ".join(f"{m[name]:.3f}" for name in names)
    return f"| {when} | {path.stem} | {report.n} | {cells} | |"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    flags = {a for a in args if a.startswith("--")}
    paths = [Path(a) for a in args if not a.startswith("--")]
    if "--validation" in flags:  # the held-out share of data/train (or of the given files)
        rows = [r for r in load(*paths) if is_validation(r.get("id"))] if paths else split()[1]
        report = evaluate(rows)
        print(json.dumps({k: round(v, 4) for k, v in report.metrics().items()}))
        if "--errors" in flags:
            print("\n".join(["", "differences:", *report.details]))
        return 0
    paths = paths or [default_path()]
    if "--row" in flags:  # one line of the first-score log of data/README.md per file
        for path in paths:
            print(log_row(path, evaluate(load(path))))
        return 0
    report = evaluate(load(*paths))
    if "--json" in flags:
        print(json.dumps({k: round(v, 4) for k, v in report.metrics().items()}))
        return 0
    print(", ".join(str(p) for p in paths))
    print(format_report(report))
    if "--errors" in flags:
        print("\n".join(["", "differences:", *report.details]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
