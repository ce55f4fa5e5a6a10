"""Reading a request body ahead of the app, then handing the app the same messages."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.types import Message, Receive


@dataclass(frozen=True)
class BufferedBody:
    messages: list[Message]
    body: bytes
    # True when reading stopped because the body passed the limit; `messages` is then empty.
    too_large: bool = False


async def buffer_body(receive: Receive, max_bytes: int | None = None) -> BufferedBody:
    """Read the body's messages, stopping as soon as it passes `max_bytes`."""
    messages: list[Message] = []
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        chunk: bytes = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            return BufferedBody([], b"", too_large=True)
        if not message.get("more_body", False):
            break
    return BufferedBody(messages, b"".join(chunks))


def replay(buffered: BufferedBody, receive: Receive) -> Receive:
    """A receive callable that gives the buffered messages first, then the real ones."""
    pending = list(buffered.messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
