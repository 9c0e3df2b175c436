"""Cross-referencing at database level: linking one new report, and the pages an analyst opens,
with 10^4, 10^5 (10^6) reports stored, on SQLite and on PostgreSQL (issue 11, "Speed").

For each database and size, a child process (its own settings, its own throwaway database:
SQLite in a temporary directory; PostgreSQL in a database created and dropped here):

1. **Template**: a generated scenario (bench/linking/scenarios.py, one département's ~120
   reports: points of sale, delivery networks, mobile sellers, lone reports) goes through the
   real import path (`vigie.crossref.importing.import_lines`: validation, sealing, analysis,
   then `link_report` for each), which writes every row a real report has: Report (sealed
   content), ReportEvent, ReportAnalysis (sealed entities), ReportSearchToken, EntityToken,
   ReportFeatures (sealed), Link (sealed evidence), Dossier, DossierMember.
2. **Copies**, up to N reports, through `bulk_create` in large batches: the same rows copied
   from the template, each copy with fresh references and public ids, its own identifiers
   (blind-index tokens derived per copy, so copies never share a plate, phone, handle or
   spatial cell with the template, as distinct towns would not), communes of another
   département, and dates spread over the last three years. Every sealed field is **sealed
   again** for its copy (its associated data names the row: bytes cannot be reused), from
   the template's plaintext; what is *reused* is that plaintext (a copy's content still tells
   its template's story) and the receipt's secret hash and citizen key. The analyst's
   département (Doubs) receives `--home-share` of the copies, the others are spread over the
   metropolitan départements.
3. **Measures**: linking one new report: a line of the template scenario stored through the
   import path (not timed), then `link_report` (what the background task runs) timed, in a
   transaction rolled back after each so the population stays the same; then the triage list,
   the template's largest dossier page, and the map (page and its aggregated data), through
   Django's test Client logged in as an analyst of the Doubs cell (the real two-step login).

Wall time per operation (the database server's work included), p50/p95/p99 in ms. Writes
bench/results/crossref-db.md (the table of every run of the command, and the machine).

    .venv/bin/python -m bench.crossref.db [--sizes 10000 100000] [--databases sqlite postgresql]
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "bench" / "results" / "crossref-db.md"
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
TEMPLATE_SEED = 101
HOME = "25"
BATCH_REPORTS = 5000

# --------------------------------------------------------------------------- child process


def _setup(var_dir: str, database_url: str) -> None:
    os.environ["VIGIE_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.run"
    os.environ["VIGIE_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()


def _template_lines() -> list[str]:
    from bench.linking.scenarios import generate

    # The API requires a category; the generator leaves 30% without (a citizen's hesitation):
    # those are sent as "autre criminalité", the form's answer when nothing else fits.
    return [
        json.dumps(
            {"category": "autre_crime", **{k: v for k, v in rep.items() if v is not None}},
            ensure_ascii=False,
        )
        for rep in generate(TEMPLATE_SEED).reports
    ]


class Template:
    """The template's rows, with their sealed fields opened (the plaintext copies reuse)."""

    def __init__(self) -> None:
        from vigie.core import sealing
        from vigie.crossref import codec
        from vigie.crossref.models import Dossier, DossierMember, EntityToken, Link, ReportFeatures
        from vigie.engine.linking.types import Features
        from vigie.reports.content import open_content
        from vigie.reports.models import Report, ReportAnalysis, ReportEvent, ReportSearchToken

        self.reports = list(Report.objects.order_by("pk"))
        self.content = {
            r.pk: open_content(r.sealed_content, associated_data=r.associated_data)
            for r in self.reports
        }
        self.events = {r.pk: [] for r in self.reports}
        for event in ReportEvent.objects.all():
            self.events[event.report_id].append(event)
        self.analyses = {r.pk: [] for r in self.reports}
        for run in ReportAnalysis.objects.all():
            opened = (
                sealing.open_for_cell(run.sealed_entities, associated_data=run.associated_data)
                if run.sealed_entities
                else b""
            )
            self.analyses[run.report_id].append((run, opened))
        self.search_tokens = list(
            ReportSearchToken.objects.values_list("report_id", "kind", "token")
        )
        self.entity_tokens = list(EntityToken.objects.values_list("report_id", "kind", "token"))
        self.features = {}
        for row in ReportFeatures.objects.all():
            raw = sealing.open_for_cell(bytes(row.sealed), associated_data=row.associated_data)
            self.features[row.report_id] = (codec.loads(Features, raw), row.area)
        self.links = [
            (
                link,
                sealing.open_for_cell(
                    bytes(link.sealed_evidence), associated_data=link.associated_data
                ),
            )
            for link in Link.objects.all()
        ]
        self.dossiers = list(Dossier.objects.filter(size__gt=0))
        self.members = list(DossierMember.objects.values_list("dossier_id", "report_id"))


def _departements() -> list[str]:
    from vigie.geo.models import Commune

    codes = sorted(set(Commune.objects.values_list("departement_id", flat=True)))
    return [c for c in codes if len(c) == 2 or c in ("2A", "2B")]


def _copy_token(copy: int, token: str) -> str:
    """A copy's own blind-index token: as a distinct identifier's HMAC would, it matches
    nothing of the template's nor of another copy's."""
    return hashlib.sha256(f"{copy}:{token}".encode()).hexdigest()


def fill(
    template: Template, size: int, *, home_share: float, awaiting_days: int, rng: random.Random
) -> float:
    """Copies of the template up to `size` reports; returns the seconds it took.

    A copy received more than `awaiting_days` ago is stored as the cell left it: qualified
    the day after (exploitable, « recoupe d'autres signalements »), as a cell's history is;
    0 leaves every report awaiting triage (the import's rows exactly: the worst case)."""
    from django.db import transaction

    from vigie.core import receipts, sealing
    from vigie.crossref import codec
    from vigie.crossref.models import Dossier, DossierMember, EntityToken, Link, ReportFeatures
    from vigie.geo.models import Commune
    from vigie.reports.content import seal_content
    from vigie.reports.enums import Qualification, QualificationReason
    from vigie.reports.models import Report, ReportAnalysis, ReportEvent, ReportSearchToken
    from vigie.reports.services import STATUS_AFTER_QUALIFICATION

    started = time.perf_counter()
    departements = [d for d in _departements() if d != HOME]
    communes: dict[str, list[str]] = {}
    for code, departement in Commune.objects.values_list("code", "departement_id"):
        communes.setdefault(departement, []).append(code)
    per_copy = len(template.reports)
    copies = max(0, (size - Report.objects.count()) // per_copy)
    now = datetime.now(UTC)
    done = 0
    while done < copies:
        batch = range(done + 1, min(copies, done + BATCH_REPORTS // per_copy) + 1)
        reports: list[Any] = []
        plan: list[tuple[int, Any, Any, str, dict[str, str], timedelta]] = []
        for copy in batch:
            departement = HOME if rng.random() < home_share else rng.choice(departements)
            town = {}
            back = timedelta(days=rng.uniform(0, 3 * 365))
            for source in template.reports:
                if source.commune_id and source.commune_id not in town:
                    town[source.commune_id] = (
                        source.commune_id
                        if departement == HOME
                        else rng.choice(communes[departement])
                    )
                report = Report(
                    reference=receipts.new_reference(receipts.REPORT_PREFIX),
                    secret_hash=source.secret_hash,
                    citizen_key=bytes(source.citizen_key),
                    submission_id=uuid.uuid4(),
                    departement_id=departement,
                    commune_id=town.get(source.commune_id),
                    category=source.category,
                    status=source.status,
                    received_at=source.received_at - back,
                    triage_suggestion=source.triage_suggestion,
                    score=source.score,
                    missing=source.missing,
                )
                if awaiting_days and report.received_at < now - timedelta(days=awaiting_days):
                    report.qualification = Qualification.EXPLOITABLE
                    report.qualification_reason = QualificationReason.CORROBORATES
                    report.qualified_at = report.received_at + timedelta(days=1)
                    report.status = STATUS_AFTER_QUALIFICATION[Qualification.EXPLOITABLE]
                report.sealed_content = seal_content(
                    template.content[source.pk], associated_data=report.associated_data
                )
                reports.append(report)
                plan.append((copy, source, report, departement, town, back))
        with transaction.atomic():
            Report.objects.bulk_create(reports, batch_size=1000)
            new_id = {(copy, source.pk): report.pk for copy, source, report, *_ in plan}
            events, analyses, search, entity, features = [], [], [], [], []
            for _copy, source, report, departement, town, back in plan:
                for event in template.events[source.pk]:
                    events.append(
                        ReportEvent(
                            report_id=report.pk,
                            kind=event.kind,
                            at=event.at - back,
                            from_status=event.from_status,
                            to_status=event.to_status,
                        )
                    )
                for run, opened in template.analyses[source.pk]:
                    copied = ReportAnalysis(
                        report_id=report.pk,
                        public_id=uuid.uuid4(),
                        at=run.at - back,
                        trigger=run.trigger,
                        triage=run.triage,
                        category=run.category,
                        score=run.score,
                        missing=run.missing,
                        attachment_count=run.attachment_count,
                    )
                    copied.sealed_entities = (
                        sealing.seal_for_cell(opened, associated_data=copied.associated_data)
                        if opened
                        else b""
                    )
                    analyses.append(copied)
                if source.pk in template.features:
                    found, area = template.features[source.pk]
                    moved = replace(
                        found,
                        key=report.reference,
                        received_at=found.received_at - back,
                        departement=departement,
                        commune=town.get(found.commune, found.commune) if found.commune else None,
                    )
                    row = ReportFeatures(
                        report_id=report.pk,
                        linked_at=now,
                        area=town.get(area, area) if area else "",
                    )
                    row.sealed = sealing.seal_for_cell(
                        codec.dumps(moved), associated_data=row.associated_data
                    )
                    features.append(row)
            for copy in batch:
                for report_id, kind, token in template.search_tokens:
                    search.append(
                        ReportSearchToken(
                            report_id=new_id[(copy, report_id)],
                            kind=kind,
                            token=_copy_token(copy, token),
                        )
                    )
                for report_id, kind, token in template.entity_tokens:
                    entity.append(
                        EntityToken(
                            report_id=new_id[(copy, report_id)],
                            kind=kind,
                            token=_copy_token(copy, token),
                        )
                    )
            ReportEvent.objects.bulk_create(events, batch_size=2000)
            ReportAnalysis.objects.bulk_create(analyses, batch_size=1000)
            ReportSearchToken.objects.bulk_create(search, batch_size=2000)
            EntityToken.objects.bulk_create(entity, batch_size=2000)
            ReportFeatures.objects.bulk_create(features, batch_size=1000)
            links, dossiers, members = [], [], []
            copy_departement = {copy: departement for copy, _s, _r, departement, *_ in plan}
            copy_back = {copy: back for copy, *_rest, back in plan}
            for copy in batch:
                for link, evidence in template.links:
                    # the copies' ids are random (62 bits): the pair is stored in order
                    first, second = sorted(
                        (new_id[(copy, link.report_a_id)], new_id[(copy, link.report_b_id)])
                    )
                    row = Link(
                        report_a_id=first,
                        report_b_id=second,
                        rules=link.rules,
                        weight=link.weight,
                    )
                    row.sealed_evidence = sealing.seal_for_cell(
                        evidence, associated_data=row.associated_data
                    )
                    links.append(row)
                for dossier in template.dossiers:
                    dossiers.append(
                        Dossier(
                            departement_id=copy_departement[copy],
                            kind=dossier.kind,
                            status=dossier.status,
                            size=dossier.size,
                            last_report_at=dossier.last_report_at - copy_back[copy]
                            if dossier.last_report_at
                            else None,
                        )
                    )
            Link.objects.bulk_create(links, batch_size=1000)
            Dossier.objects.bulk_create(dossiers, batch_size=1000)
            position = 0
            for copy in batch:
                mapping = {}
                for dossier in template.dossiers:
                    mapping[dossier.pk] = dossiers[position].pk
                    position += 1
                for dossier_id, report_id in template.members:
                    members.append(
                        DossierMember(
                            dossier_id=mapping[dossier_id],
                            report_id=new_id[(copy, report_id)],
                            departement_id=copy_departement[copy],
                        )
                    )
            DossierMember.objects.bulk_create(members, batch_size=2000)
        done = batch[-1]
        print(
            f"  {Report.objects.count() if done == copies else done * per_copy:>9} reports",
            file=sys.stderr,
            flush=True,
        )
    return time.perf_counter() - started


def _analyse_tables() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": round(pct(values, 0.50), 2),
        "p95": round(pct(values, 0.95), 2),
        "p99": round(pct(values, 0.99), 2),
        "n": len(values),
    }


class _Rollback(Exception):
    pass


def measure_linking(lines: list[str], queries: int, rng: random.Random) -> dict[str, Any]:
    from django.db import transaction

    from vigie.crossref import services
    from vigie.crossref.importing import import_line
    from vigie.crossref.services import link_report
    from vigie.crossref.tasks import deferred_linking

    # The share of the text analysis and feature derivation (CPU, no database) in each link.
    original = services.features_of
    spent: list[float] = []

    def timed_features_of(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent.append((time.perf_counter() - started) * 1000)

    services.features_of = timed_features_of  # type: ignore[assignment]
    # BENCH_PROFILE=file.prof: a cProfile of the timed links (where their time goes);
    # BENCH_PROFILE=1 is the printed profile of `_profile`, not a file name
    profile_to = os.environ.get("BENCH_PROFILE", "")
    profile_to = "" if profile_to == "1" else profile_to
    profiler = cProfile.Profile() if profile_to else None
    wall, cpu, candidates, analysis = [], [], [], []
    for index in range(queries + 5):
        data = json.loads(rng.choice(lines))
        data["submission_id"] = str(uuid.uuid4())
        try:
            with transaction.atomic():
                with deferred_linking():
                    _created, report_id = import_line(json.dumps(data))
                spent.clear()
                started, cpu_started = time.perf_counter(), time.thread_time()
                if profiler is not None and index >= 5:
                    profiler.enable()
                outcome = link_report(report_id)
                if profiler is not None:
                    profiler.disable()
                elapsed = (time.perf_counter() - started) * 1000
                cpu_elapsed = (time.thread_time() - cpu_started) * 1000
                raise _Rollback
        except _Rollback:
            pass
        if index >= 5:  # warm-up
            wall.append(elapsed)
            cpu.append(cpu_elapsed)
            candidates.append(outcome.candidates)
            analysis.append(sum(spent))
    services.features_of = original  # type: ignore[assignment]
    if profiler is not None:
        profiler.dump_stats(profile_to)
    return {
        **_summary(wall),
        "candidates_mean": round(sum(candidates) / len(candidates), 1),
        "analysis": _summary(analysis),
        "without_analysis": _summary([w - a for w, a in zip(wall, analysis, strict=True)]),
        "cpu": _summary(cpu),
    }


def measure_pages(repeats: int) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    from tests.factories import AGENT_PASSWORD, AgentFactory
    from tests.login_support import log_in
    from vigie.crossref.models import Dossier

    analyst = AgentFactory(analyst=True, departement=HOME)
    client = Client()
    log_in(client, analyst, AGENT_PASSWORD)
    # the analyst's own département (ids are random: the first rows are anywhere)
    largest = Dossier.objects.filter(departement_id=HOME).order_by("-size", "pk").first()
    urls = {
        "triage": reverse("backoffice:triage"),
        "dossier": reverse("dossiers:detail", args=[largest.public_id]),
        "map": reverse("dossiers:map"),
        "map_data": reverse("dossiers:map_data"),  # the page's default: every period
    }
    out: dict[str, Any] = {"dossier_size": largest.size}
    for name, url in urls.items():
        times, cpu = [], []
        for index in range(repeats + 3):
            started, cpu_started = time.perf_counter(), time.thread_time()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            cpu_elapsed = (time.thread_time() - cpu_started) * 1000
            assert response.status_code == 200, (url, response.status_code)
            if index >= 3:
                times.append(elapsed)
                cpu.append(cpu_elapsed)
        out[name] = {**_summary(times), "cpu": _summary(cpu)}
    return out


def _profile(lines: list[str], rng: random.Random) -> None:
    """BENCH_PROFILE=1: where the time of linking and of each page goes (stderr)."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for name, run in (
        ("link", lambda: measure_linking(lines, 20, rng)),
        ("pages", lambda: measure_pages(5)),
    ):
        profile = cProfile.Profile()
        with CaptureQueriesContext(connection) as queries:
            profile.enable()
            run()
            profile.disable()
        print(f"== {name}: {len(queries)} queries", file=sys.stderr)
        slow = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:8]
        for query in slow:
            print(f"  {query['time']} {query['sql'][:300]}", file=sys.stderr)
        pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(35)


def child(args: argparse.Namespace) -> int:
    keep = os.environ.get("BENCH_KEEP", "")  # a directory: the SQLite database stays there
    var_dir = keep or tempfile.mkdtemp(prefix="vigie-bench-db-")
    database_url = ""
    if args.database == "postgresql":
        name = f"vigie_bench_{os.getpid()}"
        database_url = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
        _psql(f"CREATE DATABASE {name}")
    try:
        _setup(var_dir, database_url)
        from django.core.management import call_command
        from django.db import connection

        from vigie.crossref.importing import import_lines
        from vigie.reports.models import Report

        call_command("migrate", "--noinput", verbosity=0)
        call_command("load_geography", "--no-progress", verbosity=0)
        lines = _template_lines()
        started = time.perf_counter()
        summary = import_lines(lines)
        imported = time.perf_counter() - started
        refused = {number for number, _reason in summary.refused}
        accepted = [line for number, line in enumerate(lines, start=1) if number not in refused]
        template = Template()
        rng = random.Random(args.seed)
        filled = fill(
            template,
            args.size,
            home_share=args.home_share,
            awaiting_days=args.awaiting_days,
            rng=rng,
        )
        _analyse_tables()
        stored = Report.objects.count()
        if os.environ.get("BENCH_PROFILE"):
            _profile(accepted, rng)
        result = {
            "database": args.database,
            "vendor": connection.vendor,
            "size": stored,
            "home_reports": Report.objects.filter(departement_id=HOME).count(),
            "home_awaiting": Report.objects.filter(departement_id=HOME, qualification="").count(),
            "awaiting_days": args.awaiting_days,
            "template": summary.stored,
            "import_s_per_report": round(imported / max(1, summary.stored), 4),
            "fill_s": round(filled, 1),
            "template_refused": len(refused),
            "link": measure_linking(accepted, args.queries, rng),
            "pages": measure_pages(args.repeats),
        }
        connection.close()
    finally:
        if database_url:
            _psql(f"DROP DATABASE IF EXISTS {database_url.rsplit('/', 1)[1]} WITH (FORCE)")
        if not keep:
            subprocess.run(["rm", "-rf", var_dir], check=False)
    print("RESULT " + json.dumps(result))
    return 0


def _psql(sql: str) -> None:
    subprocess.run(["psql", PG_ADMIN, "-q", "-c", sql], check=True, capture_output=True, text=True)


# --------------------------------------------------------------------------- parent


def _machine() -> dict[str, str]:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    model = next(
        (line.split(":", 1)[1].strip() for line in lscpu.splitlines() if "Model name" in line),
        "unknown",
    )
    return {
        "cpu": model,
        "nproc": str(os.cpu_count()),
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def _commit() -> str:
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()


def _row(result: dict[str, Any]) -> str:
    link, pages = result["link"], result["pages"]

    def three(values: dict[str, float]) -> str:
        return f"{values['p50']} / {values['p95']} / {values['p99']}"

    return (
        f"| {result['database']} | {result['size']:,} | {result['home_reports']:,} "
        f"({result['home_awaiting']:,}) | **{three(link)}** | {three(link['analysis'])} "
        f"| {three(link['without_analysis'])} | {link['candidates_mean']} "
        f"| {three(pages['triage'])} | {three(pages['dossier'])} | {three(pages['map'])} "
        f"| {three(pages['map_data'])} | {result['fill_s']} |"
    )


HEADER = (
    "| database | reports stored | analyst's département (awaiting triage) "
    "| **link one report** p50/p95/p99 | of which text analysis | link without the analysis "
    "| candidates (mean) | triage list | dossier page | map page | map data (all periods) "
    "| fill (s) |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def _cpu_row(result: dict[str, Any]) -> str:
    link, pages = result["link"], result["pages"]

    def three(values: dict[str, Any]) -> str:
        cpu = values.get("cpu")
        return f"{cpu['p50']} / {cpu['p95']} / {cpu['p99']}" if cpu else "—"

    return (
        f"| {result['database']} | {result['size']:,} | **{three(link)}** "
        f"| {three(pages['triage'])} | {three(pages['dossier'])} | {three(pages['map'])} "
        f"| {three(pages['map_data'])} |"
    )


CPU_HEADER = (
    "| database | reports stored | **link one report** | triage list | dossier page | map page "
    "| map data |\n|---|---|---|---|---|---|---|"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--queries", type=int, default=300, help="new reports linked per size")
    parser.add_argument("--repeats", type=int, default=40, help="requests per page and size")
    parser.add_argument("--home-share", type=float, default=0.05)
    parser.add_argument(
        "--awaiting-days", type=int, default=60, help="older copies are stored qualified (0: none)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args)
    results = []
    for database in args.databases:
        for size in args.sizes:
            print(f"{database} {size:,} reports…", file=sys.stderr, flush=True)
            done = subprocess.run(
                [
                    sys.executable, "-m", "bench.crossref.db", "--child",
                    "--database", database, "--size", str(size),
                    "--queries", str(args.queries), "--repeats", str(args.repeats),
                    "--home-share", str(args.home_share), "--seed", str(args.seed),
                    "--awaiting-days", str(args.awaiting_days),
                ],
                cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            sys.stderr.write(done.stderr[-4000:])
            found = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
            if done.returncode or not found:
                print(f"{database} {size}: failed", file=sys.stderr)
                continue
            result = json.loads(found[-1].removeprefix("RESULT "))
            results.append(result)
            print(_row(result), flush=True)
    machine = _machine()
    command = "PYTHONPATH=$PWD .venv/bin/python -m bench.crossref.db " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    block = [
        f"## Run of {datetime.now(UTC).isoformat(timespec='seconds')}",
        "",
        f"Command: `{command.strip()}`",
        "",
        f"Machine: {machine['cpu']}, nproc={machine['nproc']}, load average at the end "
        f"{machine['load']} (shared: wall times include the others' work), commit {_commit()}.",
        "",
        "Wall time, ms:",
        "",
        HEADER,
        *[_row(r) for r in results],
        "",
        "CPU time of the benchmark's thread, ms (on SQLite it includes the database's work, "
        "done in the same thread; on PostgreSQL the server's share is not in it):",
        "",
        CPU_HEADER,
        *[_cpu_row(r) for r in results],
        "",
        "```json",
        json.dumps(results, indent=1),
        "```",
        "",
    ]
    with args.out.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(block) + "\n")
    print(f"appended to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
