"""`stockdesk serve` as its own process, as a shop runs it: started on a free loopback port and handed
to the test once uvicorn says it listens (no polling, no sleeping)."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

STOP_GUARD_S = 60  # a hang guard, never a measure of speed


def free_port() -> int:
    with socket.socket() as sock:  # free when asked; the server binds it a moment later
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Served:
    listening: str  # uvicorn's line saying where it listens
    process: subprocess.Popen[str]
    said_before: str = ""  # everything it said up to that line

    def stop(self) -> str:
        """Stops the server as a service manager does (SIGTERM) and returns what it said meanwhile."""
        self.process.terminate()
        assert self.process.stderr is not None
        said = self.process.stderr.read()  # to the end: the server has exited
        self.process.wait(timeout=STOP_GUARD_S)
        return said


@contextmanager
def serving(command: Sequence[str], *, cwd: Path, env: Mapping[str, str]) -> Iterator[Served]:
    """Runs `command` (a `stockdesk ... serve` line) until the block ends or `stop()`. A server that
    stops before it listens fails the test with what it said."""
    server = subprocess.Popen(list(command), cwd=cwd, env=dict(env), stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        said = []
        for line in server.stderr:  # uvicorn says so once it listens; a crash ends the stream
            said.append(line)
            if "Uvicorn running on" in line:
                break
        assert server.poll() is None, "".join(said)[-4000:]
        yield Served(said[-1], server, "".join(said))
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=STOP_GUARD_S)
