"""Writes of cross-referencing: link a report, keep dossiers up to date, analysts' decisions.

`link_report` runs on the back office side (the background task, `vigie reports import`):
1. open the report, analyse it, derive the engine's `Features`;
2. store its blind-index tokens and its sealed features;
3. find candidates through the tokens (one indexed query), compare with the engine;
4. store the links (evidence sealed) and re-cluster the affected component, replaying the
   analysts' decisions, so dossiers follow new reports without undoing what analysts said.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.core import sealing
from vigie.core.privacy import to_the_hour
from vigie.crossref import codec
from vigie.crossref.keys import current_keyed, every_keyed
from vigie.crossref.models import (
    AnalystDecision,
    DecisionKind,
    Dossier,
    DossierMember,
    DossierStatus,
    EntityToken,
    Link,
    ReportFeatures,
    WatchAlert,
    WatchKind,
    Watchlist,
)
from vigie.engine import linking
from vigie.engine.analysis import analyse
from vigie.engine.linking.types import Features
from vigie.geo import reference
from vigie.reports.content import ReportContent, open_content
from vigie.reports.enums import MessageAuthor, MessageKind
from vigie.reports.models import Report, ReportMessage

# Candidates compared per new report: the most recent ones sharing a token. A token shared by
# more reports than this (a busy square's spatial cell) still yields the latest.
MAX_CANDIDATES = 400
# Reports re-clustered at once around a new one: a bound on a pathological component.
MAX_COMPONENT = 3000
# Reports looked up per query of the component's walk (five look-ups each: within every
# database's limit on parameters).
_STEP_CHUNK = 500


# --------------------------------------------------------------------------- features


def report_text(report: Report, content: ReportContent) -> str:
    """The report's free text and the citizen's later additions (which may name a plate)."""
    additions = [
        sealing.open_for_cell(m.sealed_for_cell, associated_data=m.associated_data).decode()
        for m in ReportMessage.objects.filter(
            report=report, author=MessageAuthor.CITIZEN, kind=MessageKind.ADDITION
        )
    ]
    return "\n".join([content.description, *additions])


def features_of(report: Report, content: ReportContent, *, text: str | None = None) -> Features:
    structured = content.as_structured(category=str(report.category))
    description = content.description if text is None else text
    structured["description"] = description
    analysis = analyse(description, report=structured).to_dict()
    return linking.features_from(
        key=report.reference,
        received_at=report.received_at,
        analysis=analysis,
        report=structured,
        departement=report.departement_id,
        commune=report.commune_id,
    )


def _seal_features(report_id: int, features: Features) -> bytes:
    return sealing.seal_for_cell(
        codec.dumps(features), associated_data=b"crossref-features:" + str(report_id).encode()
    )


# Opened features, kept per process and keyed by the exact sealed bytes they came from (a
# 16-byte digest of them: the bytes themselves were a quarter of an entry, ~1 KiB of ~3.8,
# bench/soak/memory.py --worker): a worker links reports of the same areas again and again,
# and each opening costs a key agreement and a parse. A report linked again is sealed afresh,
# so its old entry no longer matches. Only a process that holds the cell's private key opens
# features at all (never the intake), and that key opens every report anyway: the cache
# reveals nothing more.
_OPENED: OrderedDict[int, tuple[bytes, Features]] = OrderedDict()
_OPENED_MAX = 20_000
_OPENED_LOCK = threading.Lock()


def _sealed_digest(sealed: bytes) -> bytes:
    return hashlib.blake2b(sealed, digest_size=16).digest()


def _remember(report_id: int, sealed: bytes, features: Features) -> None:
    with _OPENED_LOCK:
        _OPENED[report_id] = (_sealed_digest(sealed), features)
        _OPENED.move_to_end(report_id)
        while len(_OPENED) > _OPENED_MAX:
            _OPENED.popitem(last=False)


def open_features(rows: Iterable[tuple[int, bytes]]) -> dict[int, Features]:
    opened = {}
    for report_id, sealed_row in rows:
        sealed = bytes(sealed_row)
        hit = _OPENED.get(report_id)
        if hit is not None and hit[0] == _sealed_digest(sealed):
            opened[report_id] = hit[1]
            continue
        raw = sealing.open_for_cell(
            sealed, associated_data=b"crossref-features:" + str(report_id).encode()
        )
        opened[report_id] = features = codec.loads(Features, raw)
        _remember(report_id, sealed, features)
    return opened


def features_by_report(report_ids: Iterable[int]) -> dict[int, Features]:
    wanted = list(report_ids)
    if not wanted:
        return {}
    rows = ReportFeatures.objects.filter(report_id__in=wanted).values_list("report_id", "sealed")
    return open_features(rows)


def seal_evidence(link: Link, evidence: Sequence[str]) -> bytes:
    return sealing.seal_for_cell("\n".join(evidence).encode(), associated_data=link.associated_data)


def open_evidence(link: Link) -> list[str]:
    raw = sealing.open_for_cell(bytes(link.sealed_evidence), associated_data=link.associated_data)
    return [line for line in raw.decode().split("\n") if line]


# --------------------------------------------------------------------------- linking


def _area(report: Report, features: Features) -> str:
    if report.commune_id:
        return str(report.commune_id)
    if features.point is not None:
        nearest = reference.nearest_commune(*features.point)
        if nearest is not None:
            return nearest.code
    return ""


@dataclass(frozen=True)
class LinkOutcome:
    report_id: int
    tokens: int
    candidates: int
    links: int
    dossier_id: int | None


def link_report(report_id: int, *, content: ReportContent | None = None) -> LinkOutcome:
    """Index, compare and cluster one stored report. Idempotent: linking again replaces."""
    report = Report.objects.select_related("departement").get(pk=report_id)
    if content is None:
        content = open_content(report.sealed_content, associated_data=report.associated_data)
    features = features_of(report, content, text=report_text(report, content))
    version, token_of = current_keyed()
    stored = sorted(set(linking.index_tokens(features, token_of)))
    wanted = sorted(
        {token for each in every_keyed() for _kind, token in linking.query_tokens(features, each)}
    )

    candidate_ids = (
        list(
            EntityToken.objects.filter(token__in=wanted)
            .exclude(report_id=report.pk)
            .order_by("-report_id")
            .values_list("report_id", flat=True)
            .distinct()[:MAX_CANDIDATES]
        )
        if wanted
        else []
    )
    candidates = features_by_report(candidate_ids)
    key_to_id = {report.reference: report.pk}
    key_to_id.update({f.key: pk for pk, f in candidates.items()})
    found = [
        link
        for other in candidates.values()
        if (link := linking.compare(features, other)) is not None
    ]

    with transaction.atomic():
        sealed = _seal_features(report.pk, features)
        stored_features = {
            "sealed": sealed,
            "linked_at": to_the_hour(timezone.now()),  # the worker runs seconds after arrival
            "area": _area(report, features),
        }
        # Tokens and links are written with the features, in this transaction: a report
        # never linked before has none to replace.
        linked_before = ReportFeatures.objects.filter(report=report).update(**stored_features)
        if linked_before:
            EntityToken.objects.filter(report=report).delete()
            Link.objects.filter(Q(report_a=report) | Q(report_b=report)).delete()
        else:
            ReportFeatures.objects.create(report=report, **stored_features)
        EntityToken.objects.bulk_create(
            [
                EntityToken(report=report, kind=kind, token=token, key_version=version)
                for kind, token in stored
            ],
            # A rotation's re-indexing may have written the same rows meanwhile.
            ignore_conflicts=True,
        )
        rows = []
        for found_link in found:
            first, second = sorted((key_to_id[found_link.a], key_to_id[found_link.b]))
            row = Link(
                report_a_id=first,
                report_b_id=second,
                rules=list(found_link.rules),
                weight=found_link.weight,
            )
            row.sealed_evidence = seal_evidence(row, found_link.evidence)
            rows.append(row)
        Link.objects.bulk_create(rows)
        # the features opened for the comparison serve the dossiers' kinds: not opened twice
        dossier_id = recluster([report.pk], known={**candidates, report.pk: features})
        _raise_alerts(report, features, {token for _kind, token in stored})
    # Keyed by the sealed bytes: if this transaction rolls back, the entry never matches.
    _remember(report.pk, sealed, features)
    return LinkOutcome(
        report_id=report.pk,
        tokens=len(stored),
        candidates=len(candidates),
        links=len(rows),
        dossier_id=dossier_id,
    )


# --------------------------------------------------------------------------- clustering


def _decisions_for(ids: set[int], references: dict[int, str]) -> linking.Decisions:
    """The analysts' decisions touching these reports; on one pair, the latest wins."""
    pairs: dict[tuple[str, str], str] = {}
    separated: list[frozenset[str]] = []
    decisions = (
        AnalystDecision.objects.filter(
            Q(report_a_id__in=ids) | Q(report_b_id__in=ids) | Q(kind=DecisionKind.SPLIT)
        )
        .order_by("at", "id")
        .values_list("kind", "report_a_id", "report_b_id", "group")
    )
    for kind, report_a_id, report_b_id, group in decisions:
        if kind == DecisionKind.SPLIT:
            # Both sides of the split, each a group the engine keeps apart from the other;
            # it undoes earlier confirmations across it (a later one overrides it).
            sides = [frozenset(references[pk] for pk in side if pk in references) for side in group]
            separated.extend(side for side in sides if side)
            if len(sides) == 2:
                for pair in [p for p, kind in pairs.items() if kind != DecisionKind.REJECT]:
                    if (pair[0] in sides[0] and pair[1] in sides[1]) or (
                        pair[1] in sides[0] and pair[0] in sides[1]
                    ):
                        del pairs[pair]
            continue
        if report_a_id not in references or report_b_id not in references:
            continue
        a, b = sorted((references[report_a_id], references[report_b_id]))
        pairs[(a, b)] = kind
    return linking.Decisions(
        rejected=frozenset(pair for pair, kind in pairs.items() if kind == DecisionKind.REJECT),
        confirmed=frozenset(pair for pair, kind in pairs.items() if kind != DecisionKind.REJECT),
        separated=tuple(separated),
    )


def _neighbours(batch: Sequence[int]) -> set[int]:
    """Reports one step from `batch`: strong links, confirmations and merges, co-members of a
    dossier. One query (a UNION of indexed look-ups) whatever the number of steps' kinds."""
    link = Link._meta.db_table
    decision = AnalystDecision._meta.db_table
    member = DossierMember._meta.db_table
    reached: set[int] = set()
    for start in range(0, len(batch), _STEP_CHUNK):
        chunk = list(batch[start : start + _STEP_CHUNK])
        ids = ", ".join(["%s"] * len(chunk))
        kinds = (DecisionKind.CONFIRM.value, DecisionKind.MERGE.value)
        # Only table names (from the models) and placeholders are formatted in.
        sql = (
            f"SELECT report_b_id FROM {link} WHERE report_a_id IN ({ids})"  # noqa: S608
            " AND weight >= %s"
            f" UNION SELECT report_a_id FROM {link} WHERE report_b_id IN ({ids}) AND weight >= %s"
            f" UNION SELECT report_b_id FROM {decision}"
            f" WHERE report_a_id IN ({ids}) AND kind IN (%s, %s) AND report_b_id IS NOT NULL"
            f" UNION SELECT report_a_id FROM {decision}"
            f" WHERE report_b_id IN ({ids}) AND kind IN (%s, %s) AND report_a_id IS NOT NULL"
            f" UNION SELECT other.report_id FROM {member} AS mine"
            f" JOIN {member} AS other ON other.dossier_id = mine.dossier_id"
            f" WHERE mine.report_id IN ({ids})"
        )
        threshold = linking.LINK_THRESHOLD
        params = [*chunk, threshold, *chunk, threshold, *chunk, *kinds, *chunk, *kinds, *chunk]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            reached.update(row[0] for row in cursor.fetchall())
    return reached


def _component(seeds: Iterable[int]) -> tuple[set[int], bool]:
    """Reports reachable from the seeds through strong links, analysts' confirmations and
    current dossiers: everything whose grouping a change around the seeds may alter. Also
    whether the walk ended by itself (not at `MAX_COMPONENT`): then every member of every
    dossier it met is in it."""
    seen = set(seeds)
    frontier = set(seen)
    while frontier and len(seen) < MAX_COMPONENT:
        reached = _neighbours(sorted(frontier))
        frontier = reached - seen
        seen |= reached
    return seen, not frontier


@dataclass(frozen=True)
class _Stored:
    """What the clustering needs of a stored report (one query for the whole component)."""

    reference: str
    departement: str
    received_at: Any
    dossier: int | None


def _stored(ids: Iterable[int]) -> dict[int, _Stored]:
    rows = Report.objects.filter(pk__in=list(ids)).values_list(
        "pk", "reference", "departement_id", "received_at", "dossier_membership__dossier_id"
    )
    return {pk: _Stored(*rest) for pk, *rest in rows}


def recluster(
    seeds: Iterable[int],
    *,
    keep_with: Iterable[int] = (),
    known: Mapping[int, Features] | None = None,
) -> int | None:
    """Re-cluster the component around `seeds`; returns the dossier of the first seed.

    `keep_with`: reports whose group keeps its dossier first (the side a split leaves in);
    `known`: reports' features already opened by the caller (each opening costs a key
    agreement)."""
    seeds = list(seeds)
    ids, complete = _component(seeds)
    stored = _stored(ids)
    references = {pk: row.reference for pk, row in stored.items()}
    by_key = {reference: pk for pk, reference in references.items()}
    rows = Link.objects.filter(report_a_id__in=stored, report_b_id__in=stored).values_list(
        "report_a_id", "report_b_id", "rules", "weight"
    )
    links = []
    for a, b, rules, weight in rows:
        first, second = sorted((references[a], references[b]))
        links.append(
            linking.Link(a=first, b=second, rules=tuple(rules), evidence=(), weight=weight)
        )
    decisions = _decisions_for(set(stored), references)
    clusters = linking.cluster(sorted(by_key), links, decisions)
    groups = [sorted(by_key[key] for key in group) for group in clusters]
    membership = _reconcile(
        groups,
        stored,
        complete=complete,
        keep_with=set(keep_with),
        changed=set(seeds),
        known=known or {},
    )
    return membership.get(seeds[0]) if seeds else None


def _reconcile(
    groups: list[list[int]],
    stored: Mapping[int, _Stored],
    *,
    complete: bool,
    keep_with: set[int],
    changed: set[int],
    known: Mapping[int, Features],
) -> dict[int, int]:
    """Make the stored dossiers match the engine's groups, keeping each dossier's identity
    (status, notes, URL) with the group that holds most of its reports. A few set-based
    writes whatever the size of the component. Returns each grouped report's dossier.

    `changed`: reports whose features may have changed (their dossier's kind is worked out
    again even when its members stay the same)."""
    current = {pk: row.dossier for pk, row in stored.items() if row.dossier is not None}
    after = dict(current)
    claimed: set[int] = set()
    destination: dict[int, Counter[int]] = defaultdict(Counter)
    touched: set[int] = set()
    removed: list[int] = []
    moved: dict[int, list[int]] = defaultdict(list)
    added: list[DossierMember] = []
    for group in sorted(groups, key=lambda g: (not keep_with.intersection(g), -len(g), g[0])):
        if len(group) < 2:
            for pk in group:
                if pk in current:
                    removed.append(pk)
                    touched.add(current[pk])
                    del after[pk]
            continue
        votes = Counter(current[pk] for pk in group if pk in current and current[pk] not in claimed)
        if votes:
            dossier_id = min(votes, key=lambda d: (-votes[d], d))
        else:
            departements = Counter(stored[pk].departement for pk in group)
            dossier_id = Dossier.objects.create(
                departement_id=min(departements, key=lambda d: (-departements[d], d))
            ).pk
            touched.add(dossier_id)
        claimed.add(dossier_id)
        if changed.intersection(group):
            touched.add(dossier_id)
        for pk in group:
            previous = current.get(pk)
            if previous == dossier_id:
                continue
            touched.add(dossier_id)
            after[pk] = dossier_id
            if previous is not None:
                destination[previous][dossier_id] += 1
                touched.add(previous)
                moved[dossier_id].append(pk)
            else:
                added.append(
                    DossierMember(
                        dossier_id=dossier_id, report_id=pk, departement_id=stored[pk].departement
                    )
                )
    if removed:
        DossierMember.objects.filter(report_id__in=removed).delete()
    for dossier_id, pks in moved.items():
        DossierMember.objects.filter(report_id__in=pks).update(dossier_id=dossier_id)
    if added:
        DossierMember.objects.bulk_create(added)
    members: dict[int, list[int]] = defaultdict(list)
    for pk, dossier_id in after.items():
        members[dossier_id].append(pk)
    for dossier_id in sorted(touched):
        _refresh(
            dossier_id,
            # A walk cut at MAX_COMPONENT may have missed members: then ask the database.
            members=members.get(dossier_id, []) if complete else None,
            stored=stored,
            moved_to=destination.get(dossier_id),
            known=known,
        )
    return after


def _refresh(
    dossier_id: int,
    *,
    members: list[int] | None,
    stored: Mapping[int, _Stored],
    moved_to: Counter[int] | None,
    known: Mapping[int, Features],
) -> None:
    """A dossier's size, département, last report, kind: from the component already read."""
    if members is None:
        members = list(
            DossierMember.objects.filter(dossier_id=dossier_id).values_list("report_id", flat=True)
        )
    missing = [pk for pk in members if pk not in stored]
    if missing:
        stored = {**stored, **_stored(missing)}
    values: dict[str, Any] = {
        "size": len(members),
        "updated_at": to_the_hour(timezone.now()),
    }
    if not members:
        values["merged_into_id"] = (
            min(moved_to, key=lambda d: (-moved_to[d], d)) if moved_to else None
        )
        Dossier.objects.filter(pk=dossier_id).update(**values)
        return
    departements = Counter(stored[pk].departement for pk in members)
    values["merged_into_id"] = None
    values["departement_id"] = min(departements, key=lambda d: (-departements[d], d))
    values["last_report_at"] = max(stored[pk].received_at for pk in members)
    features = {pk: known[pk] for pk in members if pk in known}
    features.update(features_by_report(pk for pk in members if pk not in known))
    if features:
        values["kind"] = linking.dossier_kind([features[pk] for pk in sorted(features)])
    Dossier.objects.filter(pk=dossier_id).update(**values)


# --------------------------------------------------------------------------- watchlists


def _distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def _raise_alerts(report: Report, features: Features, tokens: set[str]) -> None:
    watchlists = Watchlist.objects.filter(active=True, departement_id=report.departement_id)
    for watch in watchlists:
        if watch.kind == WatchKind.AREA:
            hit = (
                features.point is not None
                and watch.latitude is not None
                and watch.longitude is not None
                and _distance_m(features.point, (watch.latitude, watch.longitude))
                <= (watch.radius_m or 0)
            )
        else:
            hit = bool(tokens.intersection(watch.tokens))
        if hit:
            WatchAlert.objects.get_or_create(watchlist=watch, report=report)


# --------------------------------------------------------------------------- analysts


def _audit(agent: Any, action: AuditAction, dossier: Dossier | None, **details: Any) -> None:
    record_event(
        actor=agent,
        action=action,
        target_type="dossier",
        target_id=str(dossier.public_id) if dossier else "",
        details=details,
    )


def decide_pair(
    *,
    agent: Any,
    kind: DecisionKind | str,
    report_a: Report,
    report_b: Report,
    dossier: Dossier | None = None,
) -> AnalystDecision:
    """Confirm or reject that two reports belong together; later linking respects it."""
    kind = DecisionKind(kind)
    if kind not in (DecisionKind.CONFIRM, DecisionKind.REJECT):
        raise ValueError(kind)
    with transaction.atomic():
        decision = AnalystDecision.objects.create(
            kind=kind, agent=agent, report_a=report_a, report_b=report_b
        )
        _audit(
            agent,
            AuditAction.DOSSIER_DECISION,
            dossier,
            decision=kind.value,
            reports=[report_a.reference, report_b.reference],
        )
        recluster([report_a.pk, report_b.pk])
    return decision


def merge_dossiers(*, agent: Any, dossier: Dossier, other: Dossier) -> Dossier:
    """Put two dossiers together: a confirmed pair between them, kept and replayed."""
    first = DossierMember.objects.filter(dossier=dossier).order_by("report_id").first()
    second = DossierMember.objects.filter(dossier=other).order_by("report_id").first()
    if first is None or second is None or dossier.pk == other.pk:
        raise ValueError("two live dossiers are needed")
    with transaction.atomic():
        AnalystDecision.objects.create(
            kind=DecisionKind.MERGE,
            agent=agent,
            report_a_id=first.report_id,
            report_b_id=second.report_id,
        )
        _audit(
            agent,
            AuditAction.DOSSIER_DECISION,
            dossier,
            decision="merge",
            other=str(other.public_id),
        )
        dossier_id = recluster([first.report_id, second.report_id])
    return Dossier.objects.get(pk=dossier_id) if dossier_id else dossier


def split_dossier(*, agent: Any, dossier: Dossier, report_ids: Sequence[int]) -> None:
    """Take these reports out of the dossier, as a group of their own; kept and replayed."""
    members = set(DossierMember.objects.filter(dossier=dossier).values_list("report_id", flat=True))
    group = sorted(set(report_ids) & members)
    if not group or len(group) == len(members):
        raise ValueError("a split keeps some reports on each side")
    with transaction.atomic():
        AnalystDecision.objects.create(
            kind=DecisionKind.SPLIT, agent=agent, group=[group, sorted(members - set(group))]
        )
        references = list(Report.objects.filter(pk__in=group).values_list("reference", flat=True))
        _audit(agent, AuditAction.DOSSIER_DECISION, dossier, decision="split", reports=references)
        recluster(sorted(members), keep_with=members - set(group))


def update_dossier(
    *, agent: Any, dossier: Dossier, status: DossierStatus | str, notes: str
) -> Dossier:
    dossier.status = DossierStatus(status)
    dossier.sealed_notes = (
        sealing.seal_for_cell(notes.encode(), associated_data=dossier.associated_data)
        if notes
        else b""
    )
    with transaction.atomic():
        dossier.save(update_fields=["status", "sealed_notes", "updated_at"])
        _audit(agent, AuditAction.DOSSIER_UPDATE, dossier, status=dossier.status)
    return dossier


def dossier_notes(dossier: Dossier) -> str:
    return sealing.open_text_for_cell(dossier.sealed_notes, associated_data=dossier.associated_data)


# --------------------------------------------------------------------------- lookups


def _query_features(kind: str, value: str) -> Features:
    """A one-entity report, normalised by the engine as any citizen's would be."""
    report: dict[str, Any] = {"description": ""}
    if kind == WatchKind.PLATE:
        report["vehicles"] = [{"plate": value}]
    elif kind == WatchKind.PHONE:
        report["identifiers"] = [{"kind": "phone", "value": value}]
    else:
        network, _sep, name = value.partition(":")
        if not name:
            network, name = "other", value
        report["identifiers"] = [{"kind": network.strip().lower(), "value": name.strip()}]
    analysis = analyse("", report=report).to_dict()
    return linking.features_from(
        key="query",
        received_at=timezone.now(),
        analysis=analysis,
        report=report,
        departement=None,
        commune=None,
    )


def lookup_tokens(kind: str, value: str) -> list[str]:
    """The blind-index tokens a report naming this plate, phone or handle stores."""
    features = _query_features(kind, value)
    return sorted(
        {token for each in every_keyed() for _kind, token in linking.query_tokens(features, each)}
    )


def watch(
    *,
    agent: Any,
    departement: str,
    kind: str,
    value: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    radius_m: int | None = None,
) -> Watchlist:
    kind = WatchKind(kind)
    label = (
        f"{latitude:.5f}, {longitude:.5f} ± {radius_m} m"
        if kind == WatchKind.AREA
        else value.strip()
    )
    with transaction.atomic():
        watch = Watchlist(
            departement_id=departement,
            agent=agent,
            kind=kind,
            tokens=[] if kind == WatchKind.AREA else lookup_tokens(kind, value),
            latitude=latitude if kind == WatchKind.AREA else None,
            longitude=longitude if kind == WatchKind.AREA else None,
            radius_m=radius_m if kind == WatchKind.AREA else None,
        )
        watch.sealed_label = sealing.seal_for_cell(
            label.encode(), associated_data=watch.associated_data
        )
        watch.save()
        record_event(
            actor=agent,
            action=AuditAction.EDIT_WATCHLIST,
            target_type="watchlist",
            target_id=str(watch.public_id),
            details={"kind": kind.value, "active": True},
        )
    return watch


def stop_watching(*, agent: Any, watch: Watchlist) -> None:
    with transaction.atomic():
        watch.active = False
        watch.save(update_fields=["active", "updated_at"])
        record_event(
            actor=agent,
            action=AuditAction.EDIT_WATCHLIST,
            target_type="watchlist",
            target_id=str(watch.public_id),
            details={"kind": watch.kind, "active": False},
        )
