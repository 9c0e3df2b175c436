"""bench/soak --census: a process says what it holds on SIGUSR2; the soak says what grew."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.soak.run import TRACING, census_growth

GROWING = """
import os, signal
class Kept:
    pass
os.kill(os.getpid(), signal.SIGUSR2)  # the end of the warm-up
kept = [Kept() for _ in range(5000)]  # alive at the end
cycle = Kept(); cycle.me = cycle; del cycle  # dead: freed by the collection before the count
os.kill(os.getpid(), signal.SIGUSR2)
print(os.getpid())
"""


def _run(tmp_path: Path, frames: int) -> str:
    script = tmp_path / "growing.py"
    script.write_text(GROWING)
    env = {
        **os.environ,
        "PYTHONPATH": str(TRACING),
        "VIGIE_CENSUS_DIR": str(tmp_path),
        "VIGIE_TRACEMALLOC_FRAMES": str(frames),
    }
    done = subprocess.run(  # noqa: S603  # our own script
        [sys.executable, str(script)], env=env, capture_output=True, text=True, check=True
    )
    return census_growth(tmp_path, {"server A": int(done.stdout)}, wait=10)


def test_the_objects_a_process_gained_and_still_holds_are_counted_by_type(
    tmp_path: Path,
) -> None:
    text = _run(tmp_path, frames=0)

    assert "### server A" in text
    rows = [line for line in text.splitlines() if line.startswith("| Kept |")]
    assert rows and rows[0].split("|")[2].strip() == "+5000"  # not 5001: the cycle is freed
    assert "objects freed" in text and "after malloc_trim" in text
    assert "traced KiB" not in text  # no tracing unless asked


def test_with_frames_traced_the_growth_is_found_where_it_was_allocated(tmp_path: Path) -> None:
    text = _run(tmp_path, frames=4)

    traced = text[text.index("traced KiB") :]
    first_row = next(line for line in traced.splitlines() if line.startswith("| +"))
    assert "growing.py:6" in first_row


def test_a_process_that_never_answers_is_said_so(tmp_path: Path) -> None:
    text = census_growth(tmp_path, {"worker": 999_999_999}, wait=0)
    assert "worker: no census" in text
