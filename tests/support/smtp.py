"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for mail tests.

Ports are never guessed: a server listens on a socket bound to port 0 (the kernel picks one no one
else holds, so parallel test workers cannot collide), and a "server that is down" is a socket bound
but not listening, which refuses connections for as long as the test holds it.
"""

from __future__ import annotations

import asyncio
import email
import socket
import threading
from collections.abc import Awaitable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller

# aiosmtpd gives a server 5 s to come up and then raises; on a loaded machine that is not enough.
# This is only a guard against a hang, never a measure of speed.
READY_TIMEOUT_S = 120.0


def bound_socket() -> socket.socket:
    """A TCP socket on 127.0.0.1 at a port the kernel chose; it refuses connections until it listens."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def dead_port() -> Iterator[socket.socket]:
    """A port where nothing answers (connection refused), held for the test; `.getsockname()[1]`."""
    sock = bound_socket()
    try:
        yield sock
    finally:
        sock.close()


class LoopbackController(Controller):
    """aiosmtpd's Controller on a socket the caller may have bound already (see `dead_port`)."""

    def __init__(self, handler: Any, sock: socket.socket | None = None) -> None:
        self._sock = sock if sock is not None else bound_socket()
        super().__init__(handler, hostname="127.0.0.1", port=self._sock.getsockname()[1],
                         ready_timeout=READY_TIMEOUT_S)

    def _create_server(self) -> Awaitable[asyncio.AbstractServer]:
        return self.loop.create_server(self._factory_invoker, sock=self._sock, ssl=self.ssl_context)


@dataclass
class Inbox:
    """Every message the server accepted, parsed, with its envelope recipients."""

    messages: list[Message] = field(default_factory=list)
    envelopes: list[list[str]] = field(default_factory=list)
    _arrived: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server, session, envelope):
        with self._arrived:
            self.messages.append(email.message_from_bytes(envelope.content))
            self.envelopes.append(list(envelope.rcpt_tos))
            self._arrived.notify_all()
        return "250 OK"

    def wait_for(self, count: int, timeout: float = READY_TIMEOUT_S) -> bool:
        """Block until `count` messages have arrived (woken by each one, no polling); the timeout only
        guards against a hang."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.messages) >= count, timeout)


class SmtpServer:
    """Start/stop an aiosmtpd server on 127.0.0.1, on `sock` if given (else a fresh port); `.port`."""

    def __init__(self, sock: socket.socket | None = None) -> None:
        self.inbox = Inbox()
        self._controller = LoopbackController(self.inbox, sock)
        self.port: int = self._controller.port

    def start(self) -> SmtpServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()
