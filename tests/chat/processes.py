"""Real uvicorn processes serving Vigie, for the cross-process test, bench/chat and bench/soak.

Each process is started with the flags of `make run`. They share a temporary var directory
(same keys), the embedded default database of `make run` (SQLite in WAL mode, in that
directory) or the PostgreSQL database given, and, when given, Redis: the channel layer and the
presence cache. The database is prepared by the real management commands; the task worker
(`worker`) runs as `make run` starts it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
UVICORN = str(Path(sys.executable).parent / "uvicorn")
PASSWORD = "correct horse battery staple"  # the test agents' password
RUN_FLAGS = [
    "--lifespan", "off", "--ws", "websockets-sansio", "--no-access-log",
    "--log-level", "warning", "--no-server-header", "--no-proxy-headers",
    "--ws-per-message-deflate", "false",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def redis_available(url: str) -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except Exception:  # any failure means "not available"
        return False


@dataclass
class Deployment:
    var_dir: Path
    redis_url: str = ""
    settings_module: str = "config.settings.run"
    python_path: str = ""
    database_url: str = ""  # empty: the embedded SQLite database in var_dir
    start_timeout: float = 60.0  # s for a server to answer its first request

    @property
    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE=self.settings_module,
            VIGIE_VAR_DIR=str(self.var_dir),
            PYTHONDONTWRITEBYTECODE="1",
            # As deployed (deploy/): without it, RSS grows with threads. A bench may try another.
            MALLOC_ARENA_MAX=os.environ.get("MALLOC_ARENA_MAX", "2"),
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        if self.python_path:
            env["PYTHONPATH"] = self.python_path
        return env

    def manage(self, *args: str) -> str:
        return self.python("manage.py", *args)

    def python(self, *args: str) -> str:
        done = subprocess.run(  # noqa: S603  # our own interpreter, scripts and modules
            [PYTHON, *args],
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def prepare(
        self, *, agents: int = 1, conversations: int = 0, taken: bool = False,
        departements: str = "25", role: str = "agent",
    ) -> dict[str, Any]:  # fmt: skip
        """Migrate, load the Doubs (or the `departements` given, "" for all of France), create
        agents of the Doubs cell (of `role`: an analyst also handles reports) and conversations
        there; their receipts back."""
        self.manage("migrate", "--noinput", "-v0", "--skip-checks")
        self.manage("load_geography", "--departements", departements, "-v0", "--skip-checks")
        code = (
            "import django; django.setup(); from tests.chat.processes import _populate; "
            f"_populate(agents={agents}, conversations={conversations}, taken={taken}, "
            f"role={role!r})"
        )
        output = self.python("-c", code)
        result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
        return result

    @contextlib.contextmanager
    def server(self, *, cpu: int | None = None) -> Iterator[str]:
        """One uvicorn process; yields its base URL (http://127.0.0.1:port)."""
        port = free_port()
        command = [
            UVICORN,
            "config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            *RUN_FLAGS,
        ]
        if cpu is not None and Path("/usr/bin/taskset").exists():
            command = ["taskset", "-c", str(cpu), *command]
        self.log = self.var_dir / f"uvicorn-{port}.log"
        with self.log.open("wb") as log:
            process = subprocess.Popen(  # noqa: S603  # our own command line
                command, cwd=REPO, env=self.env, start_new_session=True,
                stdout=subprocess.DEVNULL, stderr=log,
            )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + self.start_timeout
            while True:
                if process.poll() is not None:
                    raise RuntimeError(
                        process.stderr.read().decode()[-3000:] if process.stderr else ""
                    )
                with contextlib.suppress(httpx.HTTPError):
                    httpx.get(base + "/discuter/", timeout=2)
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError("uvicorn did not start")
                time.sleep(0.2)
            self.pid = process.pid
            yield base
        finally:
            _stop(process)

    @contextlib.contextmanager
    def worker(self, *, cpu: int | None = None) -> Iterator[int]:
        """The task worker as `make run` starts it (`manage.py db_worker`: linking of each
        arriving report); yields its process id. Its log is `worker.log` in var_dir."""
        command = [
            PYTHON, "manage.py", "db_worker", "--no-reload", "--no-startup-delay",
            "--interval", "0.5",
        ]  # fmt: skip
        if cpu is not None and Path("/usr/bin/taskset").exists():
            command = ["taskset", "-c", str(cpu), *command]
        with (self.var_dir / "worker.log").open("wb") as log:
            process = subprocess.Popen(  # noqa: S603  # our own command line
                command, cwd=REPO, env=self.env, start_new_session=True,
                stdout=subprocess.DEVNULL, stderr=log,
            )  # fmt: skip
        try:
            time.sleep(1)
            if process.poll() is not None:
                log_text = (self.var_dir / "worker.log").read_text()
                raise RuntimeError(f"db_worker exited:\n{log_text[-3000:]}")
            yield process.pid
        finally:
            _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process group, SIGKILL after 10 s."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _populate(*, agents: int, conversations: int, taken: bool, role: str = "agent") -> None:
    """Runs inside the deployment (see `prepare`): prints the agents and receipts as JSON."""
    from django.conf import settings

    from tests.login_support import give_authenticator
    from vigie.accounts.models import Agent, Role
    from vigie.cells.models import Cell
    from vigie.chat.services import start_conversation, take_conversation
    from vigie.geo.models import Commune

    commune = Commune.objects.select_related("departement").get(code="25056")
    cell, _ = Cell.objects.get_or_create(
        departement=commune.departement, defaults={"name": "CROSS Doubs"}
    )
    staff = []
    for number in range(agents):
        agent = Agent(username=f"agent{number}", first_name="Léa", role=Role(role), cell=cell)
        agent.set_password(PASSWORD)
        agent.save()
        give_authenticator(agent)
        staff.append(agent)
    settings.RATE_LIMITS["chat_start"] = (10**9, 3600)  # a load test starts many at once
    receipts = []
    for number in range(conversations):
        started = start_conversation(
            departement=commune.departement, commune=commune, client_key="test-client"
        )
        conversation = started.conversation
        holder = staff[number % len(staff)].username if taken else ""
        if taken:  # a load test measures live exchanges, not the queue
            take_conversation(conversation=conversation, agent=staff[number % len(staff)])
        receipts.append(
            [conversation.reference, started.secret, str(conversation.public_id), holder]
        )
    usernames = [agent.username for agent in staff]
    print(json.dumps({"agents": usernames, "conversations": receipts}))


def _post_form(client: httpx.Client, base: str, path: str, fields: dict[str, str]) -> int:
    """GET a back-office form, POST it with its CSRF token; the answer's status."""
    page = client.get(path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    if token is None:
        raise RuntimeError(f"no form at {path}")
    answer = client.post(
        path,
        data={"csrfmiddlewaretoken": token.group(1), **fields},
        headers={"Referer": base + path},
    )
    return answer.status_code


def login_cookie(base: str, username: str, password: str = "") -> str:
    """Log in through the real back-office steps (password, then the code the test agents'
    authenticator shows: tests.login_support); the session cookie for the agent socket."""
    from tests.login_support import TEST_TOTP_KEY, code_for

    password = password or PASSWORD
    with httpx.Client(base_url=base) as client:
        fields = {"username": username, "password": password}
        status = _post_form(client, base, "/cellule/connexion/", fields)
        if status != 302:
            raise RuntimeError(f"login failed: {status}")
        code = {"code": code_for(TEST_TOTP_KEY)}
        status = _post_form(client, base, "/cellule/connexion/verification/", code)
        if status != 302:
            raise RuntimeError(f"second factor refused: {status}")
        return "; ".join(f"{name}={value}" for name, value in client.cookies.items())
