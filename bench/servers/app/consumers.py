import uuid

from channels.generic.websocket import AsyncWebsocketConsumer


class EchoConsumer(AsyncWebsocketConsumer):
    """Echo every text frame back, routed through the channel layer (group_send)."""

    async def connect(self) -> None:
        self.group_name = f"echo-{uuid.uuid4().hex}"
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        await self.channel_layer.group_send(
            self.group_name, {"type": "echo.message", "text": text_data or ""}
        )

    async def echo_message(self, event: dict) -> None:
        await self.send(text_data=event["text"])
