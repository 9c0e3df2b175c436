from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def evidence_dirs(settings, tmp_path: Path) -> dict[str, Path]:
    """Per-test evidence store and upload temporary directory (checked for leftovers)."""
    evidence = tmp_path / "evidence"
    uploads = tmp_path / "uploads"
    evidence.mkdir(mode=0o700)
    uploads.mkdir(mode=0o700)
    settings.EVIDENCE_DIR = evidence
    settings.FILE_UPLOAD_TEMP_DIR = str(uploads)
    return {"evidence": evidence, "uploads": uploads}
