"""`make run`'s settings for `make security` only: no proof-of-work, no rate limit, so the
fuzzer and the kill -9 rounds reach the code behind them. Never used to serve anybody."""

from config.settings.run import *  # noqa: F403
from config.settings.run import RATE_LIMITS

POW_DIFFICULTY = 0
RATE_LIMITS = {name: (10**9, window) for name, (_, window) in RATE_LIMITS.items()}
