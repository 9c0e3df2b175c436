"""bench/api writes its results file anew: the dated sections of earlier runs are kept."""

from __future__ import annotations

from pathlib import Path

from bench.api.run import write_markdown

ROW = {
    "rps": 100.0,
    "p50_ms": 5.0,
    "p99_ms": 50.0,
    "max_ms": 60.0,
    "errors": 0,
    "requests": 1000,
    "rss_mib": 100.0,
    "peak_rss_mib": 110.0,
    "server_cpu_share": 0.5,
    "cpu_ms_per_request": 2.0,
    "wrk_cpu_share": 0.2,
}
META = {
    "command": "bench",
    "revision": "abc",
    "date": "2026-12-01",
    "machine": "test",
    "connections": 32,
    "duration": 15,
    "rounds": 2,
}


def test_a_new_run_keeps_the_dated_sections_of_earlier_ones(tmp_path: Path) -> None:
    path = tmp_path / "api.md"
    write_markdown(META, {"vigie-sqlite": ROW}, path)
    path.write_text(path.read_text() + "\n## 2026-12-01 — side by side\n\nSeven ms.\n")
    write_markdown(META, {"vigie-sqlite": {**ROW, "rps": 150.0}}, path)
    written = path.read_text()
    assert "| vigie-sqlite | 150 |" in written
    assert "| vigie-sqlite | 100 |" not in written
    assert written.count("## 2026-12-01 — side by side\n\nSeven ms.") == 1


def test_a_run_without_the_baseline_says_so_rather_than_nan(tmp_path: Path) -> None:
    path = tmp_path / "api.md"
    write_markdown(META, {"vigie-sqlite": ROW}, path)
    written = path.read_text()
    assert "nan" not in written
    assert "| vigie-sqlite | 100 | — |" in written
    write_markdown(META, {"baseline": {**ROW, "rps": 400.0}, "vigie-sqlite": ROW}, path)
    assert "| vigie-sqlite | 100 | 25% |" in path.read_text()
