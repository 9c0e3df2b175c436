"""bench/soak's verdict: every kind of error counts; the growth target is the servers'."""

from __future__ import annotations

from bench.soak.run import Recorder, Watch, verdict


def _watch() -> Watch:
    watch = Watch(pids={"server A": 1, "server B": 2, "worker": 3}, database_url="")
    # Sampled at 0, 3 and 30 minutes; the warm-up is 3 minutes.
    for t, a, b, worker in ((0, 100, 100, 90), (180, 200, 200, 100), (1800, 202, 230, 130)):
        watch.rows.append({"t": t, "server A": a, "server B": b, "worker": worker})
    return watch


def test_the_worst_server_growth_after_the_warm_up_and_not_the_workers() -> None:
    errors, worst = verdict(Recorder(), _watch(), [], {"SUCCESSFUL": 10}, warmup=180)
    assert errors == 0
    assert worst == 15.0  # server B, 200 -> 230 MiB; the worker's +30 % is reported beside it


def test_request_errors_failed_tasks_and_logged_tracebacks_all_count() -> None:
    recorder = Recorder()
    recorder.error("submit", "HTTP 502")
    recorder.error("chat: lost", "not delivered")
    errors, _ = verdict(recorder, _watch(), ["Traceback ..."], {"FAILED": 2}, warmup=180)
    assert errors == 5
