"""Which agents of a département are connected, across every server process.

Each open console socket refreshes a key per agent in the shared cache (Redis when
REDIS_URL is set) every `HEARTBEAT_SECONDS`; the key expires after `PRESENCE_TTL_SECONDS`
without a heartbeat, so a crashed process cannot leave a ghost agent for long. A per-agent
socket count lets the last closing socket take the agent offline at once. Nothing here is
process-local: a citizen on process A sees an agent connected to process B.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.cache import cache

HEARTBEAT_SECONDS = 20
PRESENCE_TTL_SECONDS = 50
_SOCKETS_TTL_SECONDS = 24 * 3600


def _presence_key(agent_id: int) -> str:
    return f"chat:presence:{agent_id}"


def _sockets_key(agent_id: int) -> str:
    return f"chat:sockets:{agent_id}"


def agent_connected(agent_id: int) -> None:
    """A console socket of this agent opened."""
    key = _sockets_key(agent_id)
    cache.add(key, 0, timeout=_SOCKETS_TTL_SECONDS)
    cache.incr(key)
    heartbeat(agent_id)


def heartbeat(agent_id: int) -> None:
    cache.set(_presence_key(agent_id), 1, timeout=PRESENCE_TTL_SECONDS)


def agent_disconnected(agent_id: int) -> None:
    """A console socket closed; the agent goes offline with their last socket."""
    key = _sockets_key(agent_id)
    try:
        remaining = cache.decr(key)
    except ValueError:  # the counter expired: nothing is known, let the heartbeat expire
        return
    if remaining <= 0:
        cache.delete_many([key, _presence_key(agent_id)])


def connected_among(agent_ids: Iterable[int]) -> set[int]:
    ids = list(agent_ids)
    found = cache.get_many([_presence_key(agent_id) for agent_id in ids])
    return {agent_id for agent_id in ids if _presence_key(agent_id) in found}
