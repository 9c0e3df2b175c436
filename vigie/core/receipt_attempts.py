"""One rule for every door a receipt opens: the follow-up page, the API, the chat page and
the chat socket.

Wrong receipts are counted per client bucket (the rotating keyed hash of `vigie.core.abuse`,
never an address) and per reference, under settings.RATE_LIMITS["receipt_attempt"]:

* a client bucket over the limit is refused everything until its window ends, a right
  secret included: that client has been guessing, and the limit must not be outguessed;
* a reference over the limit refuses only wrong secrets. The secret is checked first (in
  constant time, an unknown reference costing the same as a wrong secret), so a stranger
  who knows a reference can make noise but never lock its citizen out of their own report
  or conversation. A wrong secret for a known reference and any secret for an unknown one
  are counted and answered alike, so the limit says nothing about which references exist.

Right secrets never count: a citizen opening their report often is not slowed down.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.utils.translation import ngettext

from vigie.core import abuse, receipts

RATE_LIMIT = "receipt_attempt"
T = TypeVar("T")


@dataclass(frozen=True)
class ReceiptAttempt(Generic[T]):
    found: T | None
    retry_after: int = 0  # seconds; > 0 when refused for too many wrong attempts

    @property
    def refused(self) -> bool:
        return self.retry_after > 0


def try_receipt(
    *,
    bucket: str,
    reference: str,
    lookup: Callable[[], T | None],
    default_prefix: str = receipts.REPORT_PREFIX,
) -> ReceiptAttempt[T]:
    """`lookup()` gives the object for the receipt or None (wrong secret, unknown reference)."""
    client_key = "client:" + bucket
    blocked = abuse.peek(RATE_LIMIT, client_key)
    if not blocked.allowed:
        return ReceiptAttempt(found=None, retry_after=blocked.retry_after)
    found = lookup()
    if found is not None:
        return ReceiptAttempt(found=found)
    # `abuse` hashes keys before they reach the cache: no reference is kept in clear.
    keys = [client_key]
    normalised = receipts.normalise_reference(reference, default_prefix=default_prefix)
    if normalised:
        # Counted whether or not the reference exists: the limit itself says nothing.
        keys.append("reference:" + normalised)
    decisions = [abuse.hit(RATE_LIMIT, key) for key in keys]
    return ReceiptAttempt(
        found=None,
        retry_after=max((d.retry_after for d in decisions if not d.allowed), default=0),
    )


def too_many_attempts(retry_after: int) -> str:
    """The French answer to a refused attempt, with when to try again."""
    minutes = max(1, math.ceil(retry_after / 60))
    return ngettext(
        "Trop d’essais. Réessayez dans %(minutes)s minute.",
        "Trop d’essais. Réessayez dans %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}
