"""Cost of sealing and opening one value for the cell (back office keys, no database).

Since key rotation, each call lists the key versions on disk (one stat when the keys folder
has not changed) and picks the private key by the key id in the ciphertext's header. Compare
against a checkout without rotation:

    VIGIE_VAR_DIR=/tmp/bench-keys PYTHONPATH=$PWD .venv/bin/python bench/keys/sealing_cost.py
"""

from __future__ import annotations

import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
django.setup()

from vigie.core import sealing  # noqa: E402  # after django.setup()

ROUNDS = 2000
payload = b"x" * 1500
sealed = sealing.seal_for_cell(payload, associated_data=b"bench")


def seal() -> None:
    sealing.seal_for_cell(payload, associated_data=b"bench")


def open_sealed() -> None:
    sealing.open_for_cell(sealed, associated_data=b"bench")


for name, call in (("seal", seal), ("open", open_sealed)):
    call()
    start = time.perf_counter()
    for _ in range(ROUNDS):
        call()
    print(f"{name}: {(time.perf_counter() - start) / ROUNDS * 1e6:.0f} µs per value")
