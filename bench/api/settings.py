"""Settings for bench/api only: `make run`'s settings with the rate limits relaxed.

32 clients on one loopback address share one rate-limit bucket; production limits (a few
reports an hour per client) would turn the benchmark into a measurement of 429 answers.
Everything else — proof-of-work aside (VIGIE_POW_DIFFICULTY=0, set by run.py) — is the
product as `make run` serves it.
"""

from config.settings.run import *  # noqa: F403  # settings modules extend the base namespace

RATE_LIMITS = {name: (10**9, 60) for name in RATE_LIMITS}  # noqa: F405
