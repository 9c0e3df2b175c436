"""The back office's notification socket: one per open page of an agent.

Protocol (JSON text frames, server → client only)
  {"type": "urgent", "kind": "report", "id": "<public id>", "reference": "VS-…",
   "commune": "Besançon"}
      A new report the analysis reads as an emergency, in the agent's département.

Anyone who does not work in a cell is refused at the handshake (403), as on the chat socket;
frames sent by the client are ignored.
"""

from __future__ import annotations

from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from vigie.notifications.events import departement_group

REFUSED = 4403


class BackOfficeNotificationsConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]  # untyped base
    group = ""

    async def connect(self) -> None:
        departement = await database_sync_to_async(self._departement)()
        if departement is None:
            await self.close(code=REFUSED)  # before accept: the handshake gets a 403
            return
        self.group = departement_group(departement)
        await self.accept()
        await self.channel_layer.group_add(self.group, self.channel_name)

    def _departement(self) -> str | None:
        agent = self.scope.get("user")
        if agent is None or not agent.is_authenticated or not agent.works_in_a_cell:
            return None
        code: str = agent.cell.departement_id
        return code

    async def disconnect(self, code: int) -> None:
        if self.group:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        """Nothing to say to the server: the socket only listens."""

    async def notify_urgent(self, event: dict[str, Any]) -> None:
        await self.send_json({**event, "type": "urgent"})
