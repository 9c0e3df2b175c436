"""Every server Vigie starts refuses WebSocket compression (permessage-deflate).

Two reasons. A chat frame mixes what the citizen or the agent wrote with what an observer of
the encrypted stream may have chosen (a message they sent): compressed, its length tells
whether their guess repeats the secret (the CRIME/BREACH class of attacks). And compressing
releases the GIL in zlib: on a busy server the database thread takes it and the event loop
waits its turn at every send; bench/chat --probe at 2,000 conversations found the loop's
stalls inside `permessage_deflate.encode` (11.1 s of stalls in 30 s; 2.7 and 4.6 s without).
Chat messages are short: compression saved little.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.api.run import UVICORN_FLAGS
from tests.chat.processes import RUN_FLAGS

ROOT = Path(__file__).resolve().parents[2]
OFF = re.compile(r"--ws-per-message-deflate[\s\\\"',\-]*false")


@pytest.mark.parametrize(
    "path",
    [
        "Makefile",
        "deploy/Dockerfile",
        "deploy/compose.yaml",
        "deploy/systemd/vigie-public@.service",
        "deploy/systemd/vigie-backoffice.service",
    ],
)
def test_each_way_of_starting_a_server_turns_compression_off(path: str) -> None:
    text = (ROOT / path).read_text()
    assert text.count("uvicorn") >= 1
    assert OFF.search(text), path


@pytest.mark.parametrize("flags", [RUN_FLAGS, UVICORN_FLAGS], ids=["tests", "bench-api"])
def test_test_and_bench_servers_run_as_deployed(flags: list[str]) -> None:
    position = flags.index("--ws-per-message-deflate")
    assert flags[position + 1] == "false"
