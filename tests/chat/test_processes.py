"""Against real uvicorn processes: a citizen on process A, an agent on process B (Redis).

Real sockets (the `websockets` client), the flags of `make run`, a shared SQLite file and
Redis for the channel layer and presence. Also: the citizen's connection drops and comes back
on the *other* process, resending an unacknowledged message; nothing is lost nor doubled.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from websockets.asyncio.client import connect

from config import env
from tests.chat.processes import Deployment, login_cookie, redis_available
from tests.conftest import require

REDIS_URL = env.REDIS_URL or "redis://127.0.0.1:6379/14"


async def until(socket: Any, frame_type: str, **match: Any) -> dict[str, Any]:
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), timeout=10))
        if frame["type"] == frame_type and all(frame.get(k) == v for k, v in match.items()):
            return frame


def ws(base: str, path: str) -> str:
    return base.replace("http://", "ws://") + path


def test_a_citizen_on_one_process_and_an_agent_on_another_talk_through_redis(
    tmp_path: Path,
) -> None:
    require("Redis (REDIS_URL or 127.0.0.1:6379)", available=redis_available(REDIS_URL))
    deployment = Deployment(var_dir=tmp_path, redis_url=REDIS_URL)
    prepared = deployment.prepare(agents=1, conversations=1)
    reference, secret, public_id, _holder = prepared["conversations"][0]

    with deployment.server() as process_a, deployment.server() as process_b:
        cookie = login_cookie(process_b, prepared["agents"][0])

        async def scenario() -> dict[str, Any]:
            origin_a, origin_b = process_a, process_b
            agent = await connect(
                ws(process_b, "/cellule/discussions/ws/"),
                origin=origin_b,
                additional_headers={"Cookie": cookie},
            )
            queue = await until(agent, "queue")
            citizen = await connect(ws(process_a, "/discuter/ws/"), origin=origin_a)
            hello = {"type": "hello", "reference": reference, "secret": secret, "last_seq": 0}
            await citizen.send(json.dumps(hello))
            welcome = await until(citizen, "welcome")
            # Longer than channels-redis' blocking pop (5 s): an idle socket must survive it
            # (with redis-py's default 5 s socket timeout, its consumer died).
            await asyncio.sleep(6)

            await citizen.send(
                json.dumps({"type": "message", "id": str(uuid.uuid4()), "text": "Bonjour"})
            )
            await until(citizen, "ack")
            await agent.send(json.dumps({"type": "take", "conversation": public_id}))
            thread = await until(agent, "thread")
            await until(citizen, "status", status="active")
            await agent.send(json.dumps({"type": "typing", "conversation": public_id}))
            typing = await until(citizen, "typing")
            reply = {
                "type": "message",
                "conversation": public_id,
                "id": str(uuid.uuid4()),
                "text": "Je vous lis.",
            }
            await agent.send(json.dumps(reply))
            answer = await until(citizen, "message", author="agent")
            await citizen.send(json.dumps({"type": "typing"}))
            citizen_typing = await until(agent, "typing")

            # The phone drops after sending; the ack is lost; it comes back on process B.
            unacknowledged = str(uuid.uuid4())
            await citizen.send(
                json.dumps({"type": "message", "id": unacknowledged, "text": "Vers 18 h"})
            )
            await until(agent, "message", id=unacknowledged)
            await citizen.close()
            await agent.send(
                json.dumps({**reply, "id": str(uuid.uuid4()), "text": "Pendant la coupure"})
            )
            await until(agent, "ack")
            citizen = await connect(ws(process_b, "/discuter/ws/"), origin=origin_b)
            await citizen.send(json.dumps({**hello, "last_seq": answer["seq"]}))
            resumed = await until(citizen, "welcome")
            await citizen.send(
                json.dumps({"type": "message", "id": unacknowledged, "text": "Vers 18 h"})
            )
            ack = await until(citizen, "ack", id=unacknowledged)
            await citizen.close()
            await agent.close()
            return {
                "queue": queue, "welcome": welcome, "thread": thread, "typing": typing,
                "answer": answer, "citizen_typing": citizen_typing, "resumed": resumed, "ack": ack,
            }  # fmt: skip

        # Its own thread: a browser test may have left Playwright's loop running in this one.
        with ThreadPoolExecutor(max_workers=1) as pool:
            seen = pool.submit(asyncio.run, scenario()).result()

    assert [item["id"] for item in seen["queue"]["queue"]] == [public_id]
    assert seen["welcome"]["conversation"]["agents_online"] is True  # presence across processes
    assert [m["text"] for m in seen["thread"]["messages"]] == [
        "Bonjour",
        "Un agent de la cellule a rejoint la discussion.",
    ]
    assert seen["typing"]["author"] == "agent"
    assert seen["answer"]["text"] == "Je vous lis."
    assert seen["citizen_typing"]["conversation"] == public_id
    resumed = [(m["author"], m["text"]) for m in seen["resumed"]["messages"]]
    assert resumed == [("citizen", "Vers 18 h"), ("agent", "Pendant la coupure")]
    assert seen["ack"]["seq"] == seen["resumed"]["messages"][0]["seq"]
