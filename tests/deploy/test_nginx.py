"""deploy/nginx is valid nginx, and keeps the public host's promises (docs/security.md)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "nginx"
CONF = (DEPLOY / "vigie.conf").read_text()
PROXY = (DEPLOY / "vigie-proxy-public.conf").read_text()


def _public_server() -> str:
    return next(
        block for block in CONF.split("\nserver {") if "signaler." in block and "443" in block
    )


def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    require("nginx", available=nginx is not None)
    openssl = shutil.which("openssl")
    require("openssl", available=openssl is not None)
    for name in ("public", "backoffice"):
        subprocess.run(  # noqa: S603  # Debian's openssl, a throwaway certificate
            [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", f"/CN={name}", "-keyout", str(tmp_path / f"{name}.key"),
             "-out", str(tmp_path / f"{name}.crt")],
            check=True, capture_output=True,
        )  # fmt: skip
    site = CONF.replace("/etc/ssl/vigie/", f"{tmp_path}/").replace(
        "/etc/nginx/snippets/vigie-proxy-public.conf", str(DEPLOY / "vigie-proxy-public.conf")
    )
    site = site.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{\n  access_log {tmp_path}/access.log;\n  include {tmp_path}/site.conf;\n}}\n"
    )
    done = subprocess.run(  # noqa: S603  # nginx -t on our own files
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_the_public_host_logs_nothing_and_forwards_no_client_metadata() -> None:
    public = _public_server()
    assert "access_log off;" in public
    for header in ("X-Forwarded-For", "X-Real-IP", "User-Agent"):
        assert re.search(rf'proxy_set_header {header} "";', PROXY), header
    assert "$remote_addr" not in public + PROXY


def test_only_evidence_routes_take_large_bodies() -> None:
    public = _public_server()
    assert re.search(r"^\s+client_max_body_size 1m;", public, re.MULTILINE)
    large = re.findall(r"location ~ \^/\(([^)]*)\) \{\s*client_max_body_size (\d+)m;", public)
    assert large and large[0][1] == "660"
    assert set(large[0][0].split("|")) == {
        "signaler/",
        "suivi/completer/",
        "api/v1/reports/[^/]+/attachments",
    }


def test_health_and_metrics_are_refused_to_the_outside_on_both_hosts() -> None:
    """Behind nginx every request reaches the application from 127.0.0.1: nginx refuses
    /sante/ and /metrics to anyone but localhost (and the monitoring network, when added)."""
    servers = [block for block in CONF.split("\nserver {") if "443" in block]
    assert len(servers) == 2
    for block in servers:
        guarded = re.findall(r"location ([^{]*(?:sante|metrics)[^{]*)\{([^}]*)\}", block)
        paths = " ".join(location for location, _body in guarded)
        assert "sante/" in paths and "metrics" in paths, block
        for _location, body in guarded:
            rules = re.findall(r"^\s*(allow|deny) ([^;]+);", body, re.MULTILINE)
            assert rules[-1] == ("deny", "all")
            assert {address for kind, address in rules if kind == "allow"} == {"127.0.0.1", "::1"}


def test_nginx_closes_idle_upstream_connections_before_uvicorn_does() -> None:
    """A kept-alive connection that uvicorn closes while nginx sends a POST on it is a 502
    (nginx retries only idempotent requests): the soak saw the same race once in 30 minutes,
    « Server disconnected without sending a response ». nginx must give up first."""
    from uvicorn.config import Config

    uvicorn_idle = Config(app="config.asgi:application").timeout_keep_alive
    units = "".join(path.read_text() for path in (ROOT / "deploy" / "systemd").glob("*.service"))
    assert "--timeout-keep-alive" not in units + (ROOT / "deploy" / "compose.yaml").read_text()
    upstreams = re.findall(r"upstream (\w+) \{([^}]*)\}", CONF)
    assert upstreams
    for name, body in upstreams:
        if "keepalive " not in body:
            continue
        timeout = re.search(r"keepalive_timeout (\d+)s;", body)
        assert timeout, f"{name}: keepalive without keepalive_timeout (nginx's default is 60 s)"
        assert int(timeout.group(1)) < uvicorn_idle, name
