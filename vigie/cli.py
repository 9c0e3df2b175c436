"""`vigie`: the project's command line.

- `vigie analyse`: JSON Lines in, one analysis per line out (pure Python, no database);
- every other word is a Django management command (`vigie demo`, `vigie load_geography`…).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "analyse":
        from vigie.engine.analysis.cli import main as analyse_main

        return analyse_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["vigie", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
