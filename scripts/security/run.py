"""`make security`: the security checks as one command, written to bench/results/security.md.

Each check prints one line and the run fails if any fails. Tools that are not Vigie's own
(bandit, semgrep, schemathesis, sqlmap) come from `.venv-security` (requirements/security.txt),
exiftool from Debian. Everything targets servers started here, on loopback.

1. bandit on vigie/ and config/ (medium or high severity with medium or high confidence);
2. semgrep with Vigie's rules (scripts/security/semgrep.yml): nothing in the code, and every
   rule flags its must-flag control (controls/);
3. `check --deploy` on the production settings;
4. a scripted session (API report with markers, a photo with GPS, a follow-up message, a
   chat) from a forged address and user agent, then a grep of the database, its WAL, the
   evidence store and the server's log for the markers, the address and the user agent;
5. exiftool on every stored evidence file, decrypted: no location, device or date tag;
6. schemathesis on the OpenAPI document: no 5xx;
7. sqlmap on Vigie's query parameters, with a must-flag vulnerable control beside it;
8. kill -9 of the server during concurrent submissions: no acknowledged report lost;
9. the access matrix (role × object × département, HTTP and WebSocket), hostile uploads with
   memory watched, local traces and the audit chain: their test modules.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import http.server
import json
import os
import platform
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.chat.processes import Deployment  # noqa: E402  # after sys.path
from tests.engine.media.samples import GPS_TEXT, jpeg_with_everything  # noqa: E402

TOOLS = REPO / ".venv-security" / "bin"
PYTHON = sys.executable
RESULTS = REPO / "bench" / "results" / "security.md"
# `make run`'s settings without proof-of-work and rate limits: the fuzzer and the kill -9
# rounds must reach the code behind them (both are tested on their own in the suite).
SETTINGS = "scripts.security.settings"
MARKER = "MARQUEUR-CLAIR-7731"
PLATE = "GZ-482-QT"
PHONE = "06 71 82 93 04"
PHONE_E164 = "+33671829304"
HANDLE = "menu_securite_25"
FORGED_ADDRESS = "203.0.113.77"
FORGED_AGENT = "UA-MARQUEUR-4242"


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    seconds: float = 0.0


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # our own tools and scripts
        command, capture_output=True, text=True, check=False, cwd=REPO, **kwargs
    )


# --- Static checks ---------------------------------------------------------------------------


def bandit() -> Check:
    done = run([str(TOOLS / "bandit"), "-q", "-r", "vigie", "config", "-f", "json"])
    findings = json.loads(done.stdout or "{}").get("results", [])
    serious = [
        f"{item['filename']}:{item['line_number']} {item['test_id']} {item['issue_text']}"
        for item in findings
        if item["issue_severity"] in {"MEDIUM", "HIGH"}
        and item["issue_confidence"] in {"MEDIUM", "HIGH"}
    ]
    detail = f"{len(findings)} finding(s), {len(serious)} medium/high"
    return Check("bandit", not serious, detail + "".join(f"\n    {s}" for s in serious[:10]))


def semgrep() -> Check:
    rules = REPO / "scripts" / "security" / "semgrep.yml"
    base = [str(TOOLS / "semgrep"), "scan", "--config", str(rules), "--metrics=off"]
    base += ["--disable-version-check", "--json", "--quiet"]
    code = json.loads(run([*base, "vigie", "config"]).stdout or "{}").get("results", [])
    controls = json.loads(run([*base, "scripts/security/controls"]).stdout or "{}")
    flagged = {item["check_id"].rsplit(".", 1)[-1] for item in controls.get("results", [])}
    rule_ids = set(re.findall(r"^  - id: (\S+)", rules.read_text(), re.MULTILINE))
    silent = sorted(rule_ids - flagged)
    found = [f"{item['path']}:{item['start']['line']} {item['check_id']}" for item in code]
    ok = not found and not silent
    detail = f"{len(rule_ids)} rules, {len(found)} finding(s) in the code"
    detail += "; every rule flags its control" if not silent else f"; silent rules: {silent}"
    return Check("semgrep (Vigie's rules)", ok, detail + "".join(f"\n    {f}" for f in found))


def check_deploy() -> Check:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "VIGIE_ALLOWED_HOSTS": "vigie.example.gouv.fr",
        "VIGIE_VAR_DIR": tempfile.mkdtemp(prefix="vigie-deploy-"),
    }
    done = run([PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env=env)
    last = (done.stdout + done.stderr).strip().splitlines()[-1:] or [""]
    return Check("manage.py check --deploy (prod settings)", done.returncode == 0, last[0])


# --- A deployment on loopback ----------------------------------------------------------------


@contextlib.contextmanager
def deployment(tmp: Path) -> Iterator[tuple[Deployment, str]]:
    deployed = Deployment(var_dir=tmp / "var", settings_module=SETTINGS)
    deployed.prepare(agents=1)
    with deployed.server() as base:
        yield deployed, base


def _forged() -> dict[str, str]:
    return {
        "X-Forwarded-For": FORGED_ADDRESS,
        "User-Agent": FORGED_AGENT,
        "X-Real-IP": FORGED_ADDRESS,
    }


def scripted_session(base: str) -> dict[str, str]:
    """What a witness does, from a forged address; returns the receipt."""
    with httpx.Client(base_url=base, headers=_forged(), timeout=30) as client:
        created = client.post(
            "/api/v1/reports",
            json={
                "submission_id": str(uuid.uuid4()),
                "category": "point_de_deal",
                "description": f"{MARKER} vente tous les soirs, plaque {PLATE}, tel {PHONE}, "
                f"snap {HANDLE}",
                "location": {"commune": "25056", "address": f"3 rue {MARKER}"},
                "identifiers": [{"kind": "snapchat", "value": HANDLE}],
            },
        )
        created.raise_for_status()
        receipt = created.json()
        auth = {"Authorization": f"Receipt {receipt['secret']}"}
        reference = receipt["reference"]
        client.post(
            f"/api/v1/reports/{reference}/attachments",
            files={"file": ("IMG_0042 Kevin.jpg", jpeg_with_everything(), "image/jpeg")},
            headers=auth,
        ).raise_for_status()
        client.post(
            f"/api/v1/reports/{reference}/messages",
            json={"message_id": str(uuid.uuid4()), "text": f"{MARKER} encore ce soir"},
            headers=auth,
        ).raise_for_status()
        client.get(f"/api/v1/reports/{reference}/status", headers=auth).raise_for_status()
        client.get("/discuter/")
    return {"reference": reference, "secret": receipt["secret"]}


def grep_at_rest(deployed: Deployment) -> Check:
    needles = {
        "report text": MARKER.encode(),
        "plate": PLATE.encode(),
        "phone": PHONE_E164.encode(),
        "handle": HANDLE.encode(),
        "forged address": FORGED_ADDRESS.encode(),
        "loopback address": b"127.0.0.1",
        "user agent": FORGED_AGENT.encode(),
        "file name": b"IMG_0042",
        "GPS text": GPS_TEXT,
    }
    with contextlib.suppress(sqlite3.Error):  # fold the WAL in, then read the files as bytes
        sqlite3.connect(deployed.var_dir / "vigie.sqlite3").execute("PRAGMA wal_checkpoint")
    found = []
    files = [path for path in deployed.var_dir.rglob("*") if path.is_file()]
    for path in files:
        data = path.read_bytes()
        found += [f"{label} in {path.name}" for label, needle in needles.items() if needle in data]
    detail = f"{len(files)} files (database, WAL, evidence, keys, server log) searched for "
    detail += f"{len(needles)} markers: " + ("none found" if not found else "; ".join(found))
    return Check("plaintext, address and user agent at rest", not found, detail)


EXIF_SCRIPT = """
import django, json, sys; django.setup()
from pathlib import Path
from vigie.evidence.models import StoredFile
from vigie.evidence.selectors import iter_evidence
out = Path(sys.argv[1])
for number, stored in enumerate(StoredFile.objects.all()):
    (out / f"{number}.{stored.extension}").write_bytes(b"".join(iter_evidence(stored)))
print(json.dumps(StoredFile.objects.count()))
"""


def exiftool(deployed: Deployment, tmp: Path) -> Check:
    if not shutil.which("exiftool"):
        return Check(
            "exiftool on stored evidence", False, "exiftool missing (Debian libimage-exiftool-perl)"
        )
    out = tmp / "evidence-plain"
    out.mkdir()
    count = json.loads(deployed.python("-c", EXIF_SCRIPT, str(out)).strip().splitlines()[-1])
    done = subprocess.run(  # Debian's exiftool on our own files
        ["exiftool", "-j", "-a", "-G1", *map(str, sorted(out.iterdir()))],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    tags = json.loads(done.stdout or "[]")
    forbidden = re.compile(
        r"GPS|Make|Model|Serial|DateTimeOriginal|CreateDate|Software|Artist|Comment|XMP", re.I
    )
    leaks = sorted({key for item in tags for key in item if forbidden.search(key.split(":")[-1])})
    detail = f"{count} stored file(s) decrypted and read: " + (
        ", ".join(leaks) or "no location, device or date tag"
    )
    return Check("exiftool on stored evidence", count > 0 and not leaks, detail)


def schemathesis(base: str, examples: int) -> Check:
    done = run(
        [
            str(TOOLS / "schemathesis"), "run", f"{base}/api/v1/openapi.json",
            "--url", f"{base}/api/v1", "--checks", "not_a_server_error",
            "--max-examples", str(examples), "--workers", "2", "--no-color",
        ]
    )  # fmt: skip
    text = done.stdout + done.stderr
    generated = re.search(r"(\d+) generated", text)
    failures = re.findall(r"(?im)^.*(server error|not_a_server_error).*$", text)
    summary = next((line for line in reversed(text.splitlines()) if line.strip()), "")
    # Errors that are not answers (a time-out of the loaded loopback server, a schema warning)
    # are shown, but only a 5xx fails the check.
    ok = bool(generated) and not failures
    detail = f"{generated.group(1) if generated else '?'} cases, "
    detail += f"{len(failures)} × 5xx" if failures else "0 × 5xx"
    detail += f" ({summary.strip('= ')})"
    return Check("schemathesis on /api/v1/openapi.json", ok, detail)


class VulnerableHandler(http.server.BaseHTTPRequestHandler):
    """The must-flag control for sqlmap: an SQL injection on purpose (loopback only)."""

    database = sqlite3.connect(":memory:", check_same_thread=False)
    database.execute("CREATE TABLE items (id INTEGER, name TEXT)")
    database.executemany("INSERT INTO items VALUES (?, ?)", [(1, "un"), (2, "deux")])

    def do_GET(self) -> None:  # http.server's name
        query = parse_qs(urlsplit(self.path).query).get("id", ["1"])[0]
        try:
            rows = self.database.execute(f"SELECT name FROM items WHERE id = {query}").fetchall()  # noqa: S608  # the control
            body, status = json.dumps(rows).encode(), 200
        except sqlite3.Error:
            body, status = b"error", 500
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


def _sqlmap(url: str, tmp: Path, extra: list[str] | None = None) -> bool:
    """True when sqlmap says a parameter is injectable."""
    done = run(
        [
            str(TOOLS / "sqlmap"), "-u", url, "--batch", "--level", "2", "--risk", "1",
            "--output-dir", str(tmp / "sqlmap"), "--disable-coloring", "--flush-session",
            *(extra or []),
        ]
    )  # fmt: skip
    return bool(re.search(r"parameter '[^']+' (is|appears to be) .*injectable", done.stdout))


def sqlmap(base: str, receipt: dict[str, str], tmp: Path) -> Check:
    control = http.server.ThreadingHTTPServer(("127.0.0.1", 0), VulnerableHandler)
    threading.Thread(target=control.serve_forever, daemon=True).start()
    try:
        control_flagged = _sqlmap(f"http://127.0.0.1:{control.server_port}/items?id=1", tmp)
    finally:
        control.shutdown()
    targets = {
        "communes?q": f"{base}/api/v1/communes?q=besan",
        "status reference": f"{base}/api/v1/reports/{receipt['reference']}*/status",
    }
    auth = ["--headers", f"Authorization: Receipt {receipt['secret']}"]
    injectable = [name for name, url in targets.items() if _sqlmap(url, tmp, auth)]
    ok = control_flagged and not injectable
    detail = f"control {'flagged' if control_flagged else 'NOT flagged'}; "
    detail += f"Vigie: {', '.join(injectable) or 'nothing injectable'} ({len(targets)} targets)"
    return Check("sqlmap (with a must-flag control)", ok, detail)


def kill_nine(tmp: Path, rounds: int) -> Check:
    """Concurrent submissions, kill -9 in the middle; every acknowledged report must be there."""
    deployed = Deployment(var_dir=tmp / "var-kill", settings_module=SETTINGS)
    deployed.prepare(agents=0)
    acknowledged: list[tuple[str, str]] = []
    for _ in range(rounds):
        with deployed.server() as base:
            stop = time.monotonic() + 3.0

            def submit(stop: float = stop) -> list[tuple[str, str]]:
                got = []
                with httpx.Client(base_url=base, timeout=10) as client:
                    while time.monotonic() < stop + 2:
                        try:
                            answer = client.post(
                                "/api/v1/reports",
                                json={
                                    "submission_id": str(uuid.uuid4()),
                                    "category": "point_de_deal",
                                    "description": "Vente au pied du bâtiment tous les soirs.",
                                    "location": {"commune": "25056"},
                                },
                            )
                        except httpx.HTTPError:
                            break
                        if answer.status_code == 201:
                            body = answer.json()
                            got.append((body["reference"], body["secret"]))
                return got

            with concurrent.futures.ThreadPoolExecutor(4) as pool:
                futures = [pool.submit(submit) for _ in range(4)]
                time.sleep(3.0)
                os.killpg(deployed.pid, signal.SIGKILL)
                for future in futures:
                    acknowledged += future.result()
    lost = []
    with deployed.server() as base, httpx.Client(base_url=base, timeout=10) as client:
        for reference, secret in acknowledged:
            status = client.get(
                f"/api/v1/reports/{reference}/status",
                headers={"Authorization": f"Receipt {secret}"},
            )
            if status.status_code != 200:
                lost.append(reference)
    ok = bool(acknowledged) and not lost
    detail = f"{rounds} kill -9 rounds, {len(acknowledged)} acknowledged reports, {len(lost)} lost"
    return Check("kill -9 during submissions", ok, detail)


def test_modules() -> Check:
    modules = [
        "tests/web/backoffice/test_scope.py",
        "tests/chat/test_consumers.py",
        "tests/core/test_body_limit.py",
        "tests/core/test_local_traces.py",
        "tests/engine/media/test_images.py",
        "tests/engine/media/test_isobmff.py",
        "tests/audit/test_chain.py",
        "tests/api/test_fuzz.py",
        "tests/api/test_no_client_metadata.py",
    ]
    modules += [str(p.relative_to(REPO)) for p in (REPO / "tests").rglob("test_*matrix*.py")]
    done = run([PYTHON, "-m", "pytest", "-q", "-n", "2", "-p", "no:randomly", *modules])
    summary = next((line for line in reversed(done.stdout.splitlines()) if line.strip()), "")
    return Check(
        "access matrix (HTTP, WebSocket), hostile uploads, traces, audit: test modules",
        done.returncode == 0,
        summary.strip("= "),
    )


# --- The run ---------------------------------------------------------------------------------


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def timed(check: Callable[[], Check]) -> Check:
    start = time.monotonic()
    try:
        result = check()
    except Exception as error:  # a check that crashes is a failed check, with its reason
        result = Check(
            getattr(check, "__name__", "check"), False, f"{type(error).__name__}: {error}"
        )
    result.seconds = time.monotonic() - start
    print(f"{'ok  ' if result.ok else 'FAIL'} {result.name}: {result.detail}", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=60, help="schemathesis examples per operation"
    )
    parser.add_argument("--kill-rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="do not write bench/results")
    args = parser.parse_args(argv)

    checks = [timed(bandit), timed(semgrep), timed(check_deploy)]
    with tempfile.TemporaryDirectory(prefix="vigie-security-") as name:
        tmp = Path(name)
        with deployment(tmp) as (deployed, base):
            receipt = scripted_session(base)
            checks.append(timed(lambda: schemathesis(base, args.examples)))
            checks.append(timed(lambda: sqlmap(base, receipt, tmp)))
        checks.append(timed(lambda: grep_at_rest(deployed)))
        checks.append(timed(lambda: exiftool(deployed, tmp)))
        checks.append(timed(lambda: kill_nine(tmp, args.kill_rounds)))
    checks.append(timed(test_modules))

    failed = [check for check in checks if not check.ok]
    if not args.no_write:
        lines = [
            "# Security checks (`make security`)",
            "",
            f"Command: `make security` (i.e. `.venv/bin/python scripts/security/run.py "
            f"--examples {args.examples} --kill-rounds {args.kill_rounds}`)  ",
            f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  ",
            f"CPU: {cpu_model()}, {os.cpu_count()} cores  ",
            f"Result: **{'passed' if not failed else f'{len(failed)} failed'}**",
            "",
            "| check | result | detail | time |",
            "|---|---|---|---|",
        ]
        for check in checks:
            detail = check.detail.replace("\n", "<br>").replace("|", "\\|")
            verdict = "ok" if check.ok else "**FAIL**"
            lines.append(f"| {check.name} | {verdict} | {detail} | {check.seconds:.0f} s |")
        RESULTS.write_text("\n".join(lines) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
