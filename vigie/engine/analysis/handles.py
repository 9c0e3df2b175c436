"""Social-network handles: ``{"network", "value"}``, value lower-cased without ``@``.

Found from profile links (``t.me/x``, ``instagram.com/x``), ``@name`` (network from the nearest
mention of a network in the sentence, else ``other``), or a name introduced after a network
("son snap: x", "sur Signal, son pseudo c'est x", "compte « x »"). E-mail addresses and
ordinary words after a network ("sur snap il y a…") are not handles.
"""

from __future__ import annotations

import re
from typing import Final

from vigie.engine.analysis import gate
from vigie.engine.analysis.lexicon import DRUG, wordset
from vigie.engine.analysis.phones import own_contact
from vigie.engine.analysis.types import Handle

_NETWORKS: Final[tuple[tuple[str, str], ...]] = (
    ("snapchat", r"snap(?:chat)?s?|snp|sc(?=\s?:)"),
    ("telegram", r"tele?gram+|tg|tlg|tlgrm"),
    ("instagram", r"insta(?:gram+)?|ig"),
    ("tiktok", r"tik ?tok"),
    ("whatsapp", r"wh?ats?app?|whatsap+|wtsp|watsap+"),
    # "signal" is a network after "sur"/"contact"/"groupe", before "pseudo"/":", or right before
    # a name shaped like a handle ("un contact Signal fenua_vert.987"), not in "un signal d'alarme".
    (
        "signal",
        r"(?:(?<=sur |via |par |act )|(?<=oupe |mpte |anal )|(?<=utilise ))signal"
        r"|signal(?=\s?[:,]?\s?(?:son |le |l')?(?:pseudo|id|@|:)"
        r"|\s[a-z]{2}[a-z0-9]*(?:[_.][a-z0-9]|\d))",
    ),
    ("other", r"discord|facebook|fb|messenger|twitter|potato|threema|wickr|session|vinted"),
)
# The look-behind is shared: tried once per position, not once per network.
_CUE: Final = re.compile(
    r"(?<![\w@.])(?:"
    + "|".join(rf"(?P<{name}>{pattern})(?![\w])" for name, pattern in _NETWORKS)
    + ")"
)
_LINKS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    (
        "telegram",
        re.compile(r"(?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?:s/)?([a-z0-9_]{3,40})"),
    ),
    ("instagram", re.compile(r"(?:https?://)?(?:www\.)?instagram\.com/([a-z0-9_.]{2,40})")),
    ("snapchat", re.compile(r"(?:https?://)?(?:www\.)?snapchat\.com/add/([a-z0-9_.\-]{2,40})")),
    ("tiktok", re.compile(r"(?:https?://)?(?:www\.)?tiktok\.com/@([a-z0-9_.]{2,40})")),
)
_AT: Final = re.compile(r"(?<![\w.@])@([a-z0-9_][a-z0-9_.\-]{1,39})")
_NAME_PATTERN: Final = r"@?([a-z0-9_][a-z0-9_.\-]{2,39})"
_WHOLE_NAME: Final = re.compile(r"[a-z0-9_][a-z0-9_.\-]{2,39}")
_QUOTED: Final = re.compile(r'"\s*@?([a-z0-9_][a-z0-9_.\-]{2,39})\s*"')
_MARKED: Final = re.compile(
    r"(?:\bcompte|\bpseudo|\bidentifiant|\bid|\bnom|\busername|\butilisateur|\buser|\bcanal"
    r"|\bchannel|\bgroupe"
    r"|c'est|\bcest|\bc(?= )|s'appell?e(?:nt)?|appel(?:er|e|ee)|\bun certain|\bune certaine|:"
    r"|\((?!\s*(?:compte|pseudo|id|nom)\b))"
    # "son snap c juste kevin44": "juste" says the name follows, it is not the name
    r"\s*(?:(?:c'est|cest|c|est|:|de|du|juste|seulement|simplement)(?![\w.])\s*)*" + _NAME_PATTERN
)
# A name just before the network that carries it: "le compte frais.du.76 sur Telegram",
# "ajoute zonevert974 sur snap". Searched backwards from the mention of the network.
_BEFORE: Final = re.compile(
    r"(?P<mark>\bcompte|\bpseudo|\bajout\w*|\badd|\bcontact\w*|\bchannel|\bcanal|\bgroupe)?"
    r"\s*[\"(:]?\s*@?(?P<name>[a-z0-9_][a-z0-9_.\-]{2,39})\s*[\")]?"
    r"\s+(?:sur|via|par|on|en|de)\s+(?:le |la |l')?$"
)
# An account named further from its network: "harcelé sur snap …, le compte qui publie des
# photos s'appelle « la_verite_du_college »". Its network is the nearest in the sentence, else
# the only network the report names.
_ACCOUNT: Final = re.compile(
    r"\b(?:compte|pseudo|profil|canal|channel|groupe)\b[^.!?\n]{0,50}?"
    r"(?:s'appell?e(?:nt)?|c'est|\bcest|\bc(?= )|:|nomme|intitule|appele|sous le (?:pseudo|nom))\s*"
    r"(?P<quote>\")?\s*@?(?P<name>[a-z0-9_][a-z0-9_.\-]{2,39})"
)
# Right after the network: "snap: x", "snap 👻 x" (an emoji or a symbol between), "harcelé
# sur snap par x" (the account that acts).
_DIRECT: Final = re.compile(
    r"\s*[:,\-]?\s*(?:[\u2190-\u2bff\U0001f000-\U0001faff\ufe0f]+\s*)?(?:a |au |a: |par )?"
    + _NAME_PATTERN
)
_SENTENCE_END: Final = re.compile(r"[!?\n]|\.(?:\s|$)")
_WINDOW: Final = 70
_STOP: Final = wordset(
    """qui que quoi le la les l des un une il ils elle elles on y a au aux avec pour sur dans par
    de du en et est son sa ses leur leurs mon ma mes ce cet cette ces plein tous tout toute aussi
    pas ne se je tu nous vous me te lui the story stories compte comptes pseudo canal groupe nom
    numero livraison menu prix vend vendent propose publie poste envoie contact meme ou mais donc
    ou car via ici la-bas ils sont dit ajouter ajoute appele appelle c'est s'appelle public prive
    officiel fermer dealer dealers drogue shit beuh weed coke vente identifiant lien username
    appele appelee nomme celui celle ceux celles plus moins environ deja encore
    moi toi eux partout pareil facile gratuit simple normal grave
    abuse dingue ouf chaud bon mort fou vrai sur
    drive plug cookies cookie coffee shop weed frais fresh"""
)


def _is_word(value: str) -> bool:
    """An ordinary word or a product name ("amnesia"), not a handle."""
    return value in _STOP or DRUG.fullmatch(value) is not None


def _clean(token: str) -> str:
    # A trailing "." or "-" is punctuation; a trailing "_" belongs to the name ("thc.paradise__").
    return token.rstrip(".-").lstrip("@")


def _valid(token: str, marked: bool) -> bool:
    value = _clean(token)
    if len(value) < 3 or _is_word(value) or value.isdigit():
        return False
    return marked or any(c.isdigit() or c in "_." for c in value)


def _nearest_network(text: str, start: int, end: int, cues: list[tuple[int, int, str]]) -> str:
    best: tuple[int, str] | None = None
    for cue_start, cue_end, network in cues:
        if cue_end <= start:
            between = text[cue_end:start]
            distance = start - cue_end
        elif cue_start >= end:
            between = text[end:cue_start]
            distance = (cue_start - end) * 2  # a network named before the handle is likelier
        else:
            continue
        if distance > 2 * _WINDOW or _SENTENCE_END.search(between):
            continue
        if best is None or distance < best[0]:
            best = (distance, network)
    if best:
        return best[1]
    named = {network for _, _, network in cues if network != "other"}
    return named.pop() if len(named) == 1 else "other"


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def extract_handles(
    text: str, phone_spans: tuple[tuple[int, int], ...] = ()
) -> tuple[tuple[Handle, ...], tuple[tuple[int, int], ...]]:
    """Handles found in folded ``text`` (numbers at ``phone_spans`` are not handles)."""
    found: list[tuple[int, Handle]] = []
    spans: list[tuple[int, int]] = list(phone_spans)
    for network, pattern in _LINKS if "/" in text else ():
        for m in pattern.finditer(text):
            found.append((m.start(), Handle(network, _clean(m.group(1)))))
            spans.append(m.span())
    cues = [(m.start(), m.end(), m.lastgroup or "other") for m in gate.finditer(_CUE, text)]
    for m in _AT.finditer(text) if "@" in text else ():
        if _overlaps(spans, *m.span()) or not _valid(m.group(1), marked=True):
            continue
        network = _nearest_network(text, *m.span(), cues)
        found.append((m.start(), Handle(network, _clean(m.group(1)))))
        spans.append(m.span())
    for _, cue_end, network in cues:
        window = text[cue_end : cue_end + _WINDOW]
        stop = _SENTENCE_END.search(window)
        window = window[: stop.start()] if stop else window
        direct = _DIRECT.match(window)
        candidates = [(direct, False)] if direct else []
        candidates += [(m, True) for m in _QUOTED.finditer(window)]
        candidates += [(m, True) for m in _MARKED.finditer(window)]
        candidates.sort(key=lambda c: c[0].start(1))
        for m, marked in candidates:
            start = cue_end + m.start(1)
            whole = _WHOLE_NAME.match(text, start)  # the window may have cut the name short
            name = whole.group() if whole else m.group(1)
            end = start + len(name)
            if _overlaps(spans, start, end):
                break  # this mention of a network already has its handle (a link, an @name)
            if not _valid(name, marked):
                continue
            found.append((start, Handle(network, _clean(name))))
            spans.append((start, end))
            break
    for cue_start, _, network in cues:
        before = _BEFORE.search(text, max(0, cue_start - _WINDOW), cue_start)
        if before is None or _overlaps(spans, *before.span("name")):
            continue
        if _valid(before.group("name"), marked=before.group("mark") is not None):
            found.append((before.start("name"), Handle(network, _clean(before.group("name")))))
            spans.append(before.span("name"))
    for m in _ACCOUNT.finditer(text) if cues or '"' in text else ():
        name = m.group("name")
        if _overlaps(spans, *m.span("name")):
            continue
        if _valid(name, marked=False) or (m.group("quote") and _valid(name, marked=True)):
            network = _nearest_network(text, *m.span("name"), cues)
            found.append((m.start("name"), Handle(network, _clean(name))))
            spans.append(m.span("name"))
    found = [(start, handle) for start, handle in found if not own_contact(text, start)]
    ordered = dict.fromkeys(handle for _, handle in sorted(found, key=lambda f: f[0]))
    return tuple(ordered), tuple(spans[len(phone_spans) :])


def normalise_handle(kind: str, value: str) -> Handle | None:
    """A handle typed in a structured field (``{"kind": "snapchat", "value": "@Menu_25"}``)."""
    network = kind.strip().lower()
    if network not in {name for name, _ in _NETWORKS}:
        cue = _CUE.fullmatch(network)
        network = cue.lastgroup if cue and cue.lastgroup else "other"
    cleaned = _clean(value.strip().lower())
    return Handle(network, cleaned) if cleaned else None
