"""A small text classifier, the rules' second opinion: triage and category from the words.

Why this shape: the rules decide and explain; they miss what they have no pattern for (an
emergency told in words nobody listed, a category given by the whole story). A linear model
over the words and word fragments of the report catches some of that, and its contribution can
be told: the words that pushed it most. It is a multinomial logistic regression over sparse
features (words, word pairs, 4-character fragments of words, so that SMS spellings and typos
still share features), trained here in pure Python, deterministically (fixed order, fixed
seed, no threads), and stored as a JSON table of weights (``data/model.json``, built by
``make model``). No numpy, scikit-learn or download at run time, so the engine stays pure
Python and loads the model in a few tens of milliseconds; a prediction is one dictionary
look-up per feature.

Training data: ``data/tuning.jsonl``, ``data/train/*.jsonl`` minus the validation share
(``zlib.crc32(id) % 5 == 0``). Never ``dev.jsonl`` nor ``data/fresh/`` before it is scored.

The training is in ``training.py``: ``python -m vigie.engine.analysis.training build``
(``make model``) rebuilds the artefact, ``… training validate`` scores the classifier alone on
the held-out share.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Final

from vigie.engine.analysis.normalize import fold_text

DATA: Final = Path(__file__).resolve().parent / "data"
MODEL_PATH: Final = DATA / "model.json"
NO_CATEGORY: Final = "none"
_TOKEN: Final = re.compile(r"[a-z0-9]+")


def features(text: str, fragments: bool = True, folded: bool = False) -> frozenset[str]:
    """The binary features of a report (folded, so accents and capitals do not matter);
    ``folded``: `text` is already `fold_text`'s output."""
    words = _TOKEN.findall(text if folded else fold_text(text))
    out = {f"b:{a}_{b}" for a, b in itertools.pairwise(words)}
    for w in words:
        out.update(_word_features(w) if fragments else (f"w:{w}",))
    return frozenset(out)


# Words recur from report to report: their features are made once (bounded, per process).
# An entry costs ~480 bytes (bench/soak --census: 3,637 words, 1.66 MiB): the bound keeps a
# long-running server's share under 24 MiB; at 200,000 the vocabulary of months of reports
# (names, typos, numbers) would have grown each process by up to ~90 MiB. The words seen
# first, the common ones, keep their place; a word past the bound is worked out each time.
_WORD_FEATURES: dict[str, tuple[str, ...]] = {}
_WORD_FEATURES_MAX: Final = 50_000


def _word_features(word: str) -> tuple[str, ...]:
    """``w:word`` and, for a word longer than four letters, its 4-grams with ``<``/``>``."""
    found = _WORD_FEATURES.get(word)
    if found is None:
        found = (f"w:{word}",)
        if len(word) > 4:
            padded = f"<{word}>"
            found += tuple(f"c:{padded[i : i + 4]}" for i in range(len(padded) - 3))
        if len(_WORD_FEATURES) < _WORD_FEATURES_MAX:
            _WORD_FEATURES[word] = found
    return found


@dataclass(frozen=True, slots=True)
class Prediction:
    triage: dict[str, float]
    category: dict[str, float]
    features: frozenset[str]


@dataclass(frozen=True, slots=True)
class Model:
    """Both heads in one table: ``weights[feature]`` holds the triage then category weights."""

    triage: tuple[str, ...]
    category: tuple[str, ...]
    bias: list[float]
    weights: Mapping[str, list[float]]

    def predict(self, feats: frozenset[str]) -> Prediction:
        rows = [row for row in map(self.weights.get, feats) if row is not None]
        norm = math.sqrt(len(feats)) or 1.0
        if rows:
            sums = [sum(column) / norm for column in zip(*rows, strict=True)]
            scores = [b + s for b, s in zip(self.bias, sums, strict=True)]
        else:
            scores = list(self.bias)
        n = len(self.triage)
        return Prediction(
            dict(zip(self.triage, _softmax(scores[:n]), strict=True)),
            dict(zip(self.category, _softmax(scores[n:]), strict=True)),
            feats,
        )

    def reasons(self, prediction: Prediction, label: str, limit: int = 4) -> tuple[str, ...]:
        """The words of the text that pushed most towards triage or category ``label``."""
        k = (
            self.triage.index(label)
            if label in self.triage
            else len(self.triage) + self.category.index(label)
        )
        get = self.weights.get
        pushes = sorted(
            (-row[k], f[2:].replace("_", " "))
            for f in prediction.features
            if f[0] in "wb" and (row := get(f)) is not None
        )
        return tuple(word for weight, word in pushes[:limit] if weight < 0)


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@lru_cache(maxsize=1)
def load(path: Path = MODEL_PATH) -> Model | None:
    """The classifier of ``data/model.json`` (None when it has not been built)."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(tuple(data["triage"]), tuple(data["category"]), data["bias"], data["weights"])
