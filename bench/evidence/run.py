"""Throughput and memory of storing a large video: clean (in place plan) + encrypt (STREAM).

Usage: DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python -m bench.evidence.run [MB]
Writes bench/results/evidence.md. Uses a temporary EVIDENCE_DIR; needs no database row
(the row save is skipped: this measures the file path only).
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import TemporaryUploadedFile  # noqa: E402

from tests.engine.media.samples import build_movie  # noqa: E402
from vigie.core.crypto import new_data_key  # noqa: E402
from vigie.engine.media import MarkerScanner, plan_video_cleaning  # noqa: E402
from vigie.evidence import storage  # noqa: E402


def main(megabytes: int) -> str:
    with tempfile.TemporaryDirectory() as directory:
        settings.EVIDENCE_DIR = Path(directory) / "evidence"
        settings.FILE_UPLOAD_TEMP_DIR = directory
        movie = build_movie()
        head = movie.data[: movie.mdat_start]
        upload = TemporaryUploadedFile("big.mp4", "video/mp4", 0, None)
        upload.write(head + (8 + megabytes * 2**20).to_bytes(4, "big") + b"mdat")
        chunk = bytes(2**20)
        for _ in range(megabytes):
            upload.write(chunk)
        upload.flush()
        size = upload.tell()
        upload.seek(0)
        tracemalloc.start()
        started = time.perf_counter()
        cleaning = plan_video_cleaning(upload.file, size)
        planned = time.perf_counter()
        scanner = MarkerScanner(cleaning.reader(upload.file))
        storage.write_encrypted(scanner, key=new_data_key(), associated_data=b"bench")
        done = time.perf_counter()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        upload.close()
    total = done - started
    return (
        f"| {megabytes} MB | {(planned - started) * 1000:.1f} ms | {total:.2f} s | "
        f"{megabytes / total:.0f} MB/s | {peak / 1e6:.2f} MB |"
    )


if __name__ == "__main__":
    sizes = [int(arg) for arg in sys.argv[1:]] or [100, 500]
    rows = [main(size) for size in sizes]
    report = "\n".join(
        [
            "# Evidence: storing a large video (clean plan + marker scan + STREAM encryption)",
            "",
            "Command: `DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python -m "
            f"bench.evidence.run {' '.join(map(str, sizes))}` on the shared 2-core machine "
            "(tracemalloc on, which slows Python-level work).",
            "",
            "| mdat | plan (box walk) | total | throughput | Python peak |",
            "|---|---|---|---|---|",
            *rows,
            "",
        ]
    )
    Path("bench/results/evidence.md").write_text(report)
    print(report)
