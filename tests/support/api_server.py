"""A real uvicorn process serving the API on a loopback port the OS picked.

Each server is its own process over its own database. Starting Python and importing the API took
1.5 s a server, paid by every sync and API test; so one helper process per test process (the
"zygote", `python -m tests.support.api_server --zygote`) imports the API once and forks a server
for each database asked of it. It never starts a thread or opens a connection itself, so a fork of
it is clean. A server binds port 0 and listens *before* it reports the port, so the test can connect
as soon as it reads it: connections wait in the listen backlog until uvicorn accepts them (no polling,
no sleeping). `python -m tests.support.api_server DB_URL` still runs one server in the foreground.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STOP_GUARD_S = 30.0  # a helper still running this long after its input closed is killed: a hang guard


@dataclass
class RunningServer:
    pid: int
    base_url: str
    _zygote: _Zygote

    def stop(self) -> None:
        self._zygote.ask(f"stop {self.pid}")


class _Zygote:
    """The helper process, spoken to one line at a time over its stdin and stdout."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.api_server", "--zygote"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lock = threading.Lock()

    def ask(self, line: str) -> str:
        assert self.process.stdin is not None and self.process.stdout is not None
        with self.lock:
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline().strip()
        if not answer or answer.startswith("error"):
            raise RuntimeError(f"the API server helper answered {answer!r} to {line.split()[0]!r}")
        return answer

    def close(self) -> None:
        if self.process.poll() is None and self.process.stdin is not None:
            self.process.stdin.close()  # the helper stops its servers and exits
            try:
                self.process.wait(timeout=STOP_GUARD_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_helper: list[_Zygote] = []


def _zygote() -> _Zygote:
    if not _helper or _helper[0].process.poll() is not None:
        _helper[:] = [_Zygote()]
        atexit.register(_helper[0].close)
    return _helper[0]


def start(database_url: str) -> RunningServer:
    zygote = _zygote()
    pid, port = zygote.ask(f"start {database_url}").split()
    return RunningServer(int(pid), f"http://127.0.0.1:{int(port)}", zygote)


def _listening_app(database_url: str) -> tuple[object, socket.socket]:
    from stockdesk.api.app import create_app
    from stockdesk.api.settings import ApiSettings

    app = create_app(ApiSettings(database_url=database_url))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(256)
    return app, sock


def _run(app: object, sock: socket.socket) -> None:
    import uvicorn

    from stockdesk.api.server import KEEP_ALIVE_S  # as `stockdesk serve`: desks keep their connection

    config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_keep_alive=KEEP_ALIVE_S)  # type: ignore[arg-type]
    uvicorn.Server(config).run(sockets=[sock])


def _serve(database_url: str) -> None:
    app, sock = _listening_app(database_url)
    print(sock.getsockname()[1], flush=True)
    _run(app, sock)


def _fork_server(database_url: str) -> str:
    """"PID PORT" of a new server process, forked from this one."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the server
        os.close(read_end)
        quiet = os.open(os.devnull, os.O_RDWR)
        os.dup2(quiet, 0)  # the helper's conversation is not the server's
        os.dup2(quiet, 1)
        try:
            app, sock = _listening_app(database_url)
            os.write(write_end, f"{sock.getsockname()[1]}\n".encode())
            os.close(write_end)
            _run(app, sock)
        except BaseException as error:
            os.write(write_end, f"error {type(error).__name__}: {error}\n".encode()[:500])
            os._exit(1)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as report:
        line = report.readline().strip()
    return line if line.startswith("error") else f"{pid} {line}"


def _stop(pid: int) -> None:
    """Kills the server and waits until it is gone (its port closed, its connections ended).

    SIGKILL, not SIGTERM: uvicorn's graceful shutdown (notice the signal on its next 0.1 s tick, close
    connections, run the lifespan's end) took 0.2 s a server, paid by every sync and API test, and no
    test looks at it (`stockdesk serve`'s own shutdown is tested by test_api_command). A test that
    stops its server mid-way sees what it saw before: the port refuses connections once this returns.
    """
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _serve_forks() -> None:
    """The helper: `start URL` -> "PID PORT"; `stop PID` -> "stopped"; end of input stops every server."""
    import uvicorn  # noqa: F401 - imported once here, so each fork starts with it

    from stockdesk.api import app  # noqa: F401
    from stockdesk.services.accounts.passwords import passwords
    from tests.support.cheap_hashing import make_hashing_cheap

    make_hashing_cheap(passwords)  # as in the test process: no rehash at the real cost on a first log-in

    running: set[int] = set()
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "start":
            answer = _fork_server(argument)
            if not answer.startswith("error"):
                running.add(int(answer.split()[0]))
        elif command == "stop" and int(argument) in running:
            _stop(int(argument))
            running.discard(int(argument))
            answer = "stopped"
        else:
            answer = f"error unknown request {line.strip()!r}"
        print(answer, flush=True)
    for pid in running:
        _stop(pid)


if __name__ == "__main__":
    _serve_forks() if sys.argv[1] == "--zygote" else _serve(sys.argv[1])
