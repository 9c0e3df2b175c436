"""Health probe for systemd and compose: `python -m vigie.core.probe URL [--wait SECONDS]`.

Exits 0 as soon as URL answers 200 (e.g. http://127.0.0.1:8001/sante/pret), 1 when it has not
within the wait (0: one try). Standard library only: no curl needed in the image, no Django
loaded.
"""

from __future__ import annotations

import argparse
import time
import urllib.error
import urllib.parse
import urllib.request


def answers(url: str, timeout: float = 3.0) -> bool:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        return False  # never file: or a custom scheme
    try:
        # The operator's own URL, scheme checked above.
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310  # nosec B310
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--wait", type=float, default=0.0, help="seconds to keep trying")
    options = parser.parse_args(argv)
    deadline = time.monotonic() + options.wait
    while True:
        if answers(options.url):
            return 0
        if time.monotonic() >= deadline:
            return 1
        time.sleep(0.5)


if __name__ == "__main__":
    raise SystemExit(main())
