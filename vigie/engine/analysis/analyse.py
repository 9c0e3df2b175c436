"""``analyse(text, report=None) -> Analysis``: the engine's one entry point."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Final

from vigie.engine.analysis import facts as lex_facts
from vigie.engine.analysis import lexicon, places, second_opinion, times, triage, urgency
from vigie.engine.analysis.category import CategoryGuess, guess_category
from vigie.engine.analysis.handles import extract_handles
from vigie.engine.analysis.lexicon import spans as _spans
from vigie.engine.analysis.normalize import Folded, fold
from vigie.engine.analysis.phones import extract_phones
from vigie.engine.analysis.plates import extract_plates
from vigie.engine.analysis.structured import Structured, read_report
from vigie.engine.analysis.types import Analysis, Entities, Mention, Reason, Triage

# Reports are a few hundred characters; beyond this the rest is not read (and a reason says so).
MAX_CHARS: Final = 20_000
_ONLINE: Final = lexicon.words(*lexicon.ONLINE_ALTERNATIVES)
_SIGNALS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    ("traffic", lexicon.TRAFFIC),
    ("drug", lexicon.DRUG),
    ("selling", lexicon.SELLING),
    ("suspicion", lexicon.SUSPICION),
    ("consumption", lexicon.CONSUMPTION),
    ("nuisance", lexicon.NUISANCE),
    ("loitering", lexicon.LOITERING),
    ("off", lexicon.OFF_TOPIC),
    ("comportement", lex_facts.BEHAVIOUR),
    ("weak_behaviour", lex_facts.WEAK_BEHAVIOUR),
    ("personnes", lex_facts.PEOPLE),
    ("preuves", lex_facts.EVIDENCE),
    ("online", _ONLINE),
)
_NEAR: Final = 40
_UPPER: Final = re.compile(r"[A-ZÀ-ÖØ-Þ]")
_LOWER: Final = re.compile(r"[a-zß-öø-ÿ]")
# A category cue this strong ("garée en permanence", "Airbnb") makes a report a suspicion.
_STRONG_CATEGORY_CUE: Final = 2.5
_VAGUE_CATEGORY_CUE: Final = 2.0


def _words(folded: Folded, spans: Iterable[tuple[int, int]], limit: int = 4) -> tuple[str, ...]:
    found = (folded.source(s, e).strip() for s, e in list(spans)[: 2 * limit])
    return tuple(dict.fromkeys(w for w in found if w))[:limit]


# Signals that a denial ("c'est pas des dealers", "ils vendent rien") takes back.
_DENIABLE: Final = ("traffic", "drug", "selling", "suspicion", "comportement", "weak_behaviour")


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _vehicle(text: str, plated: bool) -> tuple[bool, bool, list[tuple[int, int]]]:
    """(identified, mentioned, spans): a plate, a model near a colour, or a distinctive sign."""
    models = _spans(lex_facts.VEHICLE_MODEL, text)
    kinds = _spans(lex_facts.VEHICLE_KIND, text)
    colours = _spans(lex_facts.COLOUR, text)
    distinctive = _spans(lex_facts.DISTINCTIVE, text) if kinds or models else []

    def near(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [x for x in a if any(abs(x[0] - y[0]) <= _NEAR for y in b)]

    model_colour = near(models, colours)
    kind_marked = near(kinds, colours) and near(kinds, distinctive)
    identified = plated or bool(model_colour) or bool(kind_marked)
    return identified, bool(models or kinds), model_colour + near(kinds, colours)


def _mentions(folded: Folded, found: list[tuple[str, int, int]]) -> tuple[Mention, ...]:
    return tuple(Mention(kind, folded.source(s, e), *folded.origin(s, e)) for kind, s, e in found)


def _structured_reasons(data: Structured) -> list[Reason]:
    given = [
        ("category", data.category),
        ("location", data.precise_place),
        ("schedule", data.schedule or data.observed),
        ("people", data.people),
        ("vehicles", data.vehicle_mentioned),
        ("identifiers", data.phones or data.handles),
    ]
    fields = tuple(name for name, value in given if value)
    return [Reason("structured", "champs structurés prioritaires", fields)] if fields else []


def analyse(text: str, report: Mapping[str, object] | None = None) -> Analysis:
    """Triage, category, score, what is missing, entities and reasons for one report."""
    data = read_report(report)
    if not isinstance(text, str):
        text = ""
    if data.description and data.description not in text:
        text = f"{text}\n{data.description}" if text else data.description
    reasons: list[Reason] = []
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        reasons.append(Reason("input", f"texte tronqué à {MAX_CHARS} caractères"))
    folded = fold(text)
    low = folded.text
    upper, lower = len(_UPPER.findall(text, 0, 2000)), len(_LOWER.findall(text, 0, 2000))
    shouting = upper + lower > 20 and upper > 0.7 * (upper + lower)

    phones, phone_spans = extract_phones(low)
    aligned = folded.aligned
    plate_hits = extract_plates(low, aligned, shouting)
    handles, handle_spans = extract_handles(low, phone_spans)
    entities = Entities(
        plates=tuple(dict.fromkeys(data.plates + plate_hits.plates)),
        partial_plates=tuple(dict.fromkeys(data.partial_plates + plate_hits.partial_plates)),
        phones=tuple(dict.fromkeys(data.phones + phones)),
        handles=tuple(dict.fromkeys(data.handles + handles)),
        times=_mentions(folded, times.extract_times(low)),
        places=_mentions(folded, places.extract_places(low, aligned)),
    )
    for name, spans in (
        ("plaques", plate_hits.spans),
        ("téléphones", phone_spans),
        ("comptes", handle_spans),
    ):
        if spans:
            reasons.append(Reason("entities", f"{name} reconnus", _words(folded, spans)))

    signal_spans = {name: _spans(pattern, low) for name, pattern in _SIGNALS}
    denied = _spans(lexicon.DENIAL, low)
    if denied:
        for name in _DENIABLE:
            signal_spans[name] = [s for s in signal_spans[name] if not _inside(s, denied)]
        reasons.append(
            Reason("triage", "le citoyen dit ne pas voir de trafic", _words(folded, denied))
        )
    identified, mentioned, vehicle_spans = _vehicle(
        low, bool(entities.plates or entities.partial_plates)
    )
    words = {name: _words(folded, spans) for name, spans in signal_spans.items()}
    precise = [m for m in entities.places if m.kind in places.PRECISE]
    if any(m.kind in places.AREA for m in entities.places):
        precise += [m for m in entities.places if m.kind == places.LANDMARK]
    strong_times = [m for m in entities.times if m.kind in times.STRONG]
    words.update(
        place=tuple(m.text for m in precise)[:3] or ((data.address,) if data.address else ()),
        horaires=tuple(m.text for m in strong_times)[:3]
        or ((data.schedule,) if data.schedule else ()),
        vehicule=_words(folded, plate_hits.spans or vehicle_spans),
        identifiant=_words(folded, phone_spans + handle_spans),
    )
    n_identifiers = len(entities.phones) + len(entities.handles)
    guess = guess_category(
        low,
        n_identifiers,
        bool(precise) or data.precise_place,
        plated=bool(entities.plates or entities.partial_plates),
    )
    found = triage.Facts(
        precise_place=bool(precise) or data.precise_place,
        commune=any(m.kind == "commune" for m in entities.places) or data.commune,
        online=bool(signal_spans["online"] or handles),
        strong_time=bool(strong_times) or bool(data.schedule) or data.observed,
        weak_time=bool(entities.times),
        vehicle_identified=identified or data.vehicle_identified,
        vehicle_mentioned=mentioned or data.vehicle_mentioned,
        identifiers=n_identifiers,
        behaviour=len(signal_spans["comportement"]),
        weak_behaviour=len(signal_spans["weak_behaviour"]),
        people=bool(signal_spans["personnes"]) or data.people,
        evidence=bool(signal_spans["preuves"]),
        traffic=len(signal_spans["traffic"]),
        drug=len(signal_spans["drug"]),
        selling=len(signal_spans["selling"]),
        suspicion=len(signal_spans["suspicion"]),
        consumption=len(signal_spans["consumption"]),
        nuisance=len(signal_spans["nuisance"]),
        loitering=len(signal_spans["loitering"]),
        off_topic=len(signal_spans["off"]),
        denied=bool(denied),
        declared_category=data.category is not None,
        category_cue=guess.weight >= _STRONG_CATEGORY_CUE,
        words=words,
    )

    danger, danger_spans = urgency.detect(low)
    opinion = second_opinion.consult(low, folded=True)
    label: Triage
    if danger.urgent:
        label = "urgence"
        reasons.insert(
            0, Reason("triage", danger.rule + " : appelez le 17", _words(folded, danger_spans))
        )
    elif opinion is not None and opinion.urgent:
        label = "urgence"
        reasons.insert(0, opinion.urgence_reason())
    else:
        label, why = triage.decide(found)
        reasons.insert(0, why)
        if opinion is not None:
            label = opinion.review_triage(label, reasons)
    flags = list(data.flags)
    if danger.weapon_seen and "arme" not in flags:
        flags.append("arme")
        reasons.append(Reason("flag", "arme mentionnée", _words(folded, danger_spans)))

    category = _category(label, found, data, guess, folded, reasons)
    if opinion is not None and not data.category:
        category = opinion.review_category(label, category, guess.weight, reasons)
    reasons.extend(_structured_reasons(data))
    return Analysis(
        triage=label,
        category=category,
        score=triage.score(found, label),
        missing=triage.missing(found, label),
        entities=entities,
        flags=tuple(flags),
        reasons=tuple(reasons),
    )


def _category(
    label: Triage,
    found: triage.Facts,
    data: Structured,
    guess: CategoryGuess,
    folded: Folded,
    reasons: list[Reason],
) -> str | None:
    if label in ("hors_champ", "tranquillite"):
        return None
    if data.category:
        reasons.append(Reason("category", "catégorie choisie par le citoyen", (data.category,)))
        return data.category
    # An emergency is given a category only when it happens within the trade.
    trade = triage.is_trafficking(found) or found.drug or found.selling or found.traffic
    if label == "urgence" and not trade:
        return None
    # A vague suspicion ("ya du trafic a la cite") names no kind of trade on one weak word.
    if guess.category is None or (label == "vague" and guess.weight < _VAGUE_CATEGORY_CUE):
        return None
    reasons.append(Reason("category", f"indices de {guess.category}", _words(folded, guess.spans)))
    return guess.category
