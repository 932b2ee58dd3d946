"""`stockdesk serve` as its own process, as a shop runs it: started on a free loopback port and handed
to the test once uvicorn says it listens (no polling, no sleeping)."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:  # free when asked; the server binds it a moment later
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(command: Sequence[str], *, cwd: Path, env: Mapping[str, str]) -> Iterator[str]:
    """Runs `command` (a `stockdesk ... serve` line) until the block ends; yields uvicorn's line saying
    where it listens. A server that stops before it listens fails the test with what it said."""
    server = subprocess.Popen(list(command), cwd=cwd, env=dict(env), stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        said = []
        for line in server.stderr:  # uvicorn says so once it listens; a crash ends the stream
            said.append(line)
            if "Uvicorn running on" in line:
                break
        assert server.poll() is None, "".join(said)[-4000:]
        yield said[-1]
    finally:
        server.terminate()
        server.wait(timeout=60)
