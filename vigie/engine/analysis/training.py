"""Training of the classifier of ``model.py``: deterministic, pure Python, from the repository.

``python -m vigie.engine.analysis.training build`` (``make model``) writes ``data/model.json``;
``python -m vigie.engine.analysis.training validate`` scores the classifier alone on the
held-out share of ``data/train`` (``zlib.crc32(id) % 5 == 0``). Multinomial logistic regression
over binary features, L2-normalised per report, AdaGrad, fixed seed and order, weights rounded
to 3 decimals: the same data gives the same bytes (``tests/engine/test_model.py``).
"""

from __future__ import annotations

import json
import math
import random
import sys
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

from vigie.engine.analysis.model import (
    DATA,
    MODEL_PATH,
    NO_CATEGORY,
    Model,
    _softmax,
    features,
    load,
)
from vigie.engine.analysis.types import CATEGORIES, TRIAGES

_SEED: Final = 20261130
_EPOCHS: Final = 12
_RATE: Final = 0.5
_L2: Final = 1e-5
_MIN_DF: Final = 2
_CATEGORISED: Final = frozenset({"urgence", "vague", "exploitable"})
_KEEP: Final = 0.05  # weights smaller than this (for every class) are left out of the artefact


def is_validation(identifier: object) -> bool:
    """The held-out share of ``data/train``: about one report in five, fixed by its id."""
    return zlib.crc32(str(identifier).encode()) % 5 == 0


def training_files() -> list[Path]:
    return [DATA / "tuning.jsonl", *sorted((DATA / "train").glob("*.jsonl"))]


def _rows(paths: Iterable[Path]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def split() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(training rows, validation rows): tuning.jsonl is always trained on."""
    train: list[dict[str, object]] = []
    valid: list[dict[str, object]] = []
    for path in training_files():
        for row in _rows([path]):
            held = path.parent.name == "train" and is_validation(row.get("id"))
            (valid if held else train).append(row)
    return train, valid


def _label(row: Mapping[str, object], key: str) -> str:
    labels = row["labels"]
    value = labels.get(key) if isinstance(labels, Mapping) else None
    return str(value) if value else NO_CATEGORY


def _train_head(
    docs: Sequence[frozenset[str]], labels: Sequence[str], classes: tuple[str, ...]
) -> tuple[list[float], dict[str, list[float]]]:
    df: dict[str, int] = {}
    for feats in docs:
        for f in feats:
            df[f] = df.get(f, 0) + 1
    vocab = sorted(f for f, n in df.items() if n >= _MIN_DF)
    index = {f: i for i, f in enumerate(vocab)}
    n_classes = len(classes)
    weights = [[0.0] * n_classes for _ in vocab]
    squares = [[1e-8] * n_classes for _ in vocab]  # AdaGrad accumulators
    bias = [0.0] * n_classes
    bias_sq = [1e-8] * n_classes
    encoded = []
    for feats, label in zip(docs, labels, strict=True):
        norm = math.sqrt(len(feats)) or 1.0
        x = sorted((index[f], 1.0 / norm) for f in feats if f in index)
        encoded.append((x, classes.index(label)))
    order = list(range(len(encoded)))
    rng = random.Random(_SEED)  # noqa: S311 (a reproducible shuffle, not a secret)
    for _ in range(_EPOCHS):
        rng.shuffle(order)
        for d in order:
            x, y = encoded[d]
            scores = list(bias)
            for i, v in x:
                row = weights[i]
                for k in range(n_classes):
                    scores[k] += row[k] * v
            probs = _softmax(scores)
            for k in range(n_classes):
                g = probs[k] - (1.0 if k == y else 0.0)
                bias_sq[k] += g * g
                bias[k] -= _RATE * g / math.sqrt(bias_sq[k])
                for i, v in x:
                    gi = g * v + _L2 * weights[i][k]
                    squares[i][k] += gi * gi
                    weights[i][k] -= _RATE * gi / math.sqrt(squares[i][k])
    return bias, {f: weights[i] for f, i in index.items()}


def build(rows: Sequence[Mapping[str, object]]) -> dict[str, object]:
    docs = [features(str(row["text"])) for row in rows]
    categories = (*CATEGORIES, NO_CATEGORY)
    t_bias, t_weights = _train_head(docs, [_label(r, "triage") for r in rows], TRIAGES)
    # The category is asked only of reports the rules find in scope (second_opinion.py): the
    # category head learns from those alone, not from the out-of-scope and nuisance reports whose
    # "no category" would otherwise outweigh the kinds of trade.
    scoped = [i for i, r in enumerate(rows) if _label(r, "triage") in _CATEGORISED]
    c_bias, c_weights = _train_head(
        [docs[i] for i in scoped], [_label(rows[i], "category") for i in scoped], categories
    )
    zeros_t, zeros_c = [0.0] * len(TRIAGES), [0.0] * len(categories)
    weights: dict[str, list[float]] = {}
    for f in sorted(set(t_weights) | set(c_weights)):
        row = t_weights.get(f, zeros_t) + c_weights.get(f, zeros_c)
        if max(abs(w) for w in row) >= _KEEP:
            weights[f] = [round(w, 3) for w in row]
    return {
        "about": "built by `make model` (python -m vigie.engine.analysis.model build); "
        "see vigie/engine/analysis/model.py",
        "triage": list(TRIAGES),
        "category": list(categories),
        "bias": [round(b, 3) for b in t_bias + c_bias],
        "weights": weights,
    }


def dumps(model: Mapping[str, object]) -> str:
    return json.dumps(model, sort_keys=True, separators=(",", ":"), ensure_ascii=True) + "\n"


def _validate(model: Model, rows: Sequence[Mapping[str, object]]) -> str:
    good_t = good_c = scoped = 0
    urgent = caught = 0
    for row in rows:
        prediction = model.predict(features(str(row["text"])))
        t, c = prediction.triage, prediction.category
        truth = _label(row, "triage")
        good_t += max(t, key=t.__getitem__) == truth
        if truth in _CATEGORISED:
            scoped += 1
            good_c += max(c, key=c.__getitem__) == _label(row, "category")
        if truth == "urgence":
            urgent += 1
            caught += t["urgence"] >= 0.5
    n = max(1, len(rows))
    return (
        f"{len(rows)} held-out reports: triage accuracy {good_t / n:.3f}, "
        f"category accuracy {good_c / max(1, scoped):.3f} (of {scoped} in scope), "
        f"urgence recall at p>=0.5 {caught / max(1, urgent):.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    train, valid = split()
    if args[:1] == ["build"]:
        MODEL_PATH.write_text(dumps(build(train)), encoding="utf-8")
        load.cache_clear()
        print(f"{MODEL_PATH}: {len(train)} training reports ({len(valid)} held out)")
        return 0
    if args[:1] == ["validate"]:
        model = load()
        if model is None:
            print("model not built: make model", file=sys.stderr)
            return 1
        print(_validate(model, valid))
        return 0
    print("usage: python -m vigie.engine.analysis.training build|validate", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
