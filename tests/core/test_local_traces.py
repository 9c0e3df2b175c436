"""What a witness's visit leaves behind outside the database (issue 12 #4, #5, #9)."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from tests.chat.processes import Deployment
from vigie.core.privacy import PATH_PLACEHOLDER, DropRequestMetadata

PUBLIC_PAGES = ["/", "/signaler/", "/suivi/", "/discuter/", "/hors-ligne/"]


def test_the_var_folder_and_everything_in_it_are_private(tmp_path: Path) -> None:
    var_dir = tmp_path / "var"
    var_dir.mkdir(mode=0o755)
    var_dir.chmod(0o755)  # as an earlier version left it
    deployment = Deployment(var_dir=var_dir)
    deployment.manage("migrate", "--noinput", "-v0")
    # A live database: keep a connection open so the WAL and shared memory files exist.
    script = "; ".join(
        [
            "import django, os",
            "django.setup()",
            "from django.db import connection",
            "cursor = connection.cursor()",
            "cursor.execute('CREATE TABLE IF NOT EXISTS t (x)')",
            "cursor.execute('INSERT INTO t VALUES (1)')",
            "print(sorted(os.listdir(os.environ['VIGIE_VAR_DIR'])))",
        ]
    )
    listing = deployment.python("-c", script)
    assert "vigie.sqlite3" in listing
    assert stat.S_IMODE(var_dir.stat().st_mode) == 0o700
    found = list(var_dir.rglob("*"))
    assert any(path.name == "reports.key" for path in found)
    for path in found:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path.relative_to(var_dir)} is {oct(mode)}"


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_set_no_persistent_cookie(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    for name, morsel in response.cookies.items():
        assert not morsel["expires"], f"{name} expires {morsel['expires']}"
        assert not morsel["max-age"], f"{name} lasts {morsel['max-age']} s"


def test_request_logs_name_no_path(client) -> None:
    assert logging.getLogger("django.request").getEffectiveLevel() >= logging.ERROR
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "%s: %s",
        ("Internal Server Error", "/suivi/VG-ABCD-EFGH"), None,
    )  # fmt: skip
    assert DropRequestMetadata().filter(record)
    assert "VG-ABCD" not in record.getMessage()
    assert PATH_PLACEHOLDER in record.getMessage()
