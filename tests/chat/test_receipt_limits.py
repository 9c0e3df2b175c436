"""Chat receipts are limited like report receipts (issue 12, findings 7 and 8).

Wrong receipts count per client bucket and per reference, on the page and on the socket;
a stranger who knows a conversation's reference never locks its citizen out.
"""

from __future__ import annotations

import re
from itertools import count

import pytest
from asgiref.sync import async_to_sync
from django.test import Client

from tests.chat.communicator import WebsocketCommunicator
from tests.chat.conftest import CITIZEN_PATH, ORIGIN, application, started
from vigie.core import abuse

THREAD = "/discuter/fil/"
WRONG = "0000-" * 6 + "0000"
TOO_MANY = re.compile(r"Trop d’essais\. Réessayez dans \d+ minutes?\.")


@pytest.fixture
def three_attempts(settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "receipt_attempt": (3, 900)}


@pytest.mark.django_db
@pytest.mark.usefixtures("three_attempts")
def test_wrong_chat_receipts_are_refused_after_the_limit_on_the_page(client: Client) -> None:
    conversation = started()
    reference = conversation.conversation.reference
    statuses = [
        client.post(THREAD, {"reference": reference, "secret": WRONG}).status_code
        for _attempt in range(4)
    ]
    assert statuses == [422, 422, 422, 429]
    # This client has been guessing: it is refused until the window ends, right secret included.
    blocked = client.post(THREAD, {"reference": reference, "secret": conversation.secret})
    assert blocked.status_code == 429
    assert TOO_MANY.search(blocked.content.decode())
    assert int(blocked.headers["Retry-After"]) > 0


@pytest.mark.django_db
@pytest.mark.usefixtures("three_attempts")
def test_the_page_limit_answers_alike_for_an_unknown_reference(client: Client) -> None:
    conversation = started()

    def fourth_answer(reference: str) -> tuple[int, str]:
        from tests.cache_support import fresh_cache

        fresh_cache()
        for _attempt in range(4):
            response = client.post(THREAD, {"reference": reference, "secret": WRONG})
        errors = " ".join(response.context["resume"].non_field_errors())
        return response.status_code, re.sub(r"\d+", "N", errors)

    known = fourth_answer(conversation.conversation.reference)
    assert known == fourth_answer("VC-0000-0000")
    assert known[0] == 429 and TOO_MANY.search(known[1].replace("N", "1"))


@pytest.mark.django_db
@pytest.mark.usefixtures("three_attempts")
def test_strangers_cannot_lock_a_citizen_out_of_the_chat_page(client: Client, monkeypatch) -> None:
    buckets = count()
    monkeypatch.setattr(abuse, "client_bucket", lambda request: f"b{next(buckets)}")
    conversation = started()
    reference = conversation.conversation.reference
    statuses = [
        client.post(THREAD, {"reference": reference, "secret": WRONG}).status_code
        for _attempt in range(4)
    ]
    assert statuses == [422, 422, 422, 429]  # the reference is at its limit for wrong secrets
    right = client.post(THREAD, {"reference": reference, "secret": conversation.secret})
    assert right.status_code == 200


async def _hello(reference: str, secret: str, *, address: str) -> tuple[dict, dict | None]:
    socket = WebsocketCommunicator(application(), CITIZEN_PATH, headers=[ORIGIN])
    socket.scope["client"] = (address, 40000)
    connected, _ = await socket.connect()
    assert connected
    await socket.send_json_to({"type": "hello", "reference": reference, "secret": secret})
    answer = await socket.receive_json_from(timeout=5)
    if answer["type"] == "welcome":
        await socket.disconnect()
        return answer, None
    closed = await socket.receive_output(timeout=5)
    return answer, closed


@pytest.mark.usefixtures("chat_db", "three_attempts")
def test_wrong_hellos_are_refused_after_the_limit_on_the_socket() -> None:
    conversation = started()
    reference = conversation.conversation.reference

    async def scenario() -> list[tuple[dict, dict | None]]:
        answers = [await _hello(reference, WRONG, address="192.0.2.10") for _ in range(4)]
        answers.append(await _hello(reference, conversation.secret, address="192.0.2.10"))
        return answers

    answers = async_to_sync(scenario)()
    codes = [answer["code"] for answer, _closed in answers]
    assert codes == ["bad_receipt"] * 3 + ["rate_limited"] * 2
    refused, closed = answers[-1]
    assert TOO_MANY.fullmatch(refused["message"])
    assert 0 < refused["retry_after"] <= 900
    assert closed == {"type": "websocket.close", "code": 4403}


@pytest.mark.usefixtures("chat_db", "three_attempts")
def test_strangers_cannot_lock_a_citizen_out_of_the_socket() -> None:
    conversation = started()
    reference = conversation.conversation.reference

    async def scenario() -> tuple[list[str], dict]:
        wrong = [
            (await _hello(reference, WRONG, address=f"198.51.100.{n}"))[0]["code"] for n in range(4)
        ]
        right, _closed = await _hello(reference, conversation.secret, address="198.51.100.99")
        return wrong, right

    wrong, right = async_to_sync(scenario)()
    assert wrong == ["bad_receipt"] * 3 + ["rate_limited"]
    assert right["type"] == "welcome"
