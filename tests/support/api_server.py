"""A real uvicorn process serving the API on a loopback port the OS picked.

The child binds port 0 and listens *before* it prints the port, so the parent can connect as soon as
it reads the line: connections wait in the listen backlog until uvicorn accepts them (no polling, no
sleeping). Run as `python -m tests.support.api_server DB_URL`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class RunningServer:
    process: subprocess.Popen[str]
    base_url: str

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def start(database_url: str) -> RunningServer:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.api_server", database_url],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.strip().isdigit():
        process.kill()
        raise RuntimeError(f"the API server did not start: {line!r}")
    return RunningServer(process, f"http://127.0.0.1:{int(line)}")


def _serve(database_url: str) -> None:
    import uvicorn

    from stockdesk.api.app import create_app
    from stockdesk.api.settings import ApiSettings

    app = create_app(ApiSettings(database_url=database_url))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(256)
    print(sock.getsockname()[1], flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False)).run(sockets=[sock])


if __name__ == "__main__":
    _serve(sys.argv[1])
