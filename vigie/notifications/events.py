"""What the back office is told live, and to whom (one naming rule, one sender)."""

from __future__ import annotations

from typing import Any

from vigie.chat.events import publish


def departement_group(departement_code: str) -> str:
    """Every back-office page socket of the agents of one département."""
    return f"notifications.departement.{departement_code}"


def announce_urgent_report(report: Any) -> None:
    """After commit: tell the cell an urgent report has arrived (no content, only where).

    The page builds the link from the id: a public intake host cannot reverse back-office
    URLs.
    """
    publish(
        departement_group(report.departement_id),
        {
            "type": "notify.urgent",
            "kind": "report",
            "id": str(report.public_id),
            "reference": report.reference,
            "commune": report.commune.name if report.commune_id else "",
        },
    )


def announce_urgent_conversation(conversation: Any) -> None:
    """After commit: a citizen's chat message reads as an emergency (the analysis' triage):
    every agent of the cell is told at once, whoever holds the conversation (no content)."""
    publish(
        departement_group(conversation.departement_id),
        {
            "type": "notify.urgent",
            "kind": "chat",
            "id": str(conversation.public_id),
            "reference": conversation.reference,
            "commune": conversation.commune.name if conversation.commune_id else "",
        },
    )
