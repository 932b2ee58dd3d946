"""The HTTP protocol `stockdesk serve` runs: uvicorn's own, except that a stop drops idle connections at once.

Desks keep their connection open between syncs (`server.KEEP_ALIVE_S`). On a stop, uvicorn closes
each idle connection politely; over TLS that means a TLS goodbye, and the event loop waits up to 30 s
for the desk's answer, which an idle desk never reads until its next sync. A server with desks
attached took 30 s to stop (measured). An idle connection has nothing in flight, so it is dropped
(`abort`) instead; a desk's next sync opens a new one. Requests in flight still finish (within
`server.GRACEFUL_STOP_S`).
"""

from __future__ import annotations

try:  # uvicorn's "auto" choice: httptools when installed, else h11
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _UvicornProtocol
except ImportError:  # pragma: no cover - httptools comes with uvicorn[standard]
    from uvicorn.protocols.http.h11_impl import H11Protocol as _UvicornProtocol  # type: ignore[assignment]


class PromptStopProtocol(_UvicornProtocol):
    def shutdown(self) -> None:
        if self.cycle is None or self.cycle.response_complete:
            self.transport.abort()
        else:
            super().shutdown()
