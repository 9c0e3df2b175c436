"""Evaluation of the analysis on a labelled JSON Lines file (``eval/dev.jsonl``'s shape).

``python -m vigie.engine.analysis.evaluate [path]`` prints per-label precision/recall/F1, the
macro-F1, the urgence recall, entity F1 (plates, partial plates, phones, handles), category
accuracy and the confusion matrix. The default path is ``$VIGIE_EVAL_PATH`` or
``../shared/eval/dev.jsonl`` next to the repository.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vigie.engine.analysis.analyse import analyse
from vigie.engine.analysis.types import TRIAGES

ENTITY_KINDS = ("plates", "partial_plates", "phones", "handles")
REPO_ROOT = Path(__file__).resolve().parents[3]
# Reports written by the team to tune the rules; dev.jsonl is only used to check them.
TUNING_PATH = Path(__file__).resolve().parent / "data" / "tuning.jsonl"


def default_path() -> Path:
    env = os.environ.get("VIGIE_EVAL_PATH")
    return Path(env) if env else (REPO_ROOT / ".." / "shared" / "eval" / "dev.jsonl").resolve()


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

    @property
    def macro_f1(self) -> float:
        return sum(c.f1 for c in self.labels.values()) / len(self.labels)

    @property
    def urgence_recall(self) -> float:
        return self.labels["urgence"].recall


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
        if truth != guess:
            errors.append(f"{row.get('id')}: {truth} -> {guess}")
        for kind in ENTITY_KINDS:
            want = _entity_set(kind, gold.get(kind))
            got = _entity_set(kind, predicted[kind])
            entities[kind] += Counts(len(want & got), len(got - want), len(want - got))
    return Report(len(rows), labels, entities, confusion, good_category / max(1, len(rows)), errors)


def load(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def format_report(report: Report) -> str:
    lines = [f"{report.n} reports", "", f"{'label':<14}{'P':>7}{'R':>7}{'F1':>7}{'n':>5}"]
    for label, c in report.labels.items():
        support = c.tp + c.fn
        lines.append(f"{label:<14}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{support:5d}")
    lines += [
        "",
        f"triage macro-F1   {report.macro_f1:.3f}",
        f"urgence recall    {report.urgence_recall:.3f}",
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
    if report.errors:
        lines += ["", "misclassified: " + ", ".join(report.errors)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else default_path()
    print(format_report(evaluate(load(path))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
