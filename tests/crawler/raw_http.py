"""A raw-socket HTTP server for answers no HTTP library would send: each route is the exact bytes written back.

    with raw_server(lambda port: {"/page": http(200, body=b"...")}) as server:
        server.url, server.hits["/page"]

Routes are built once the port is known (a redirect to the server itself names it). A route's value is the reply's
bytes, `SILENT` (close without a byte) or `STALL` (send nothing, hold the connection until the server stops).
Runs in a thread of the test process, on 127.0.0.1, port 0.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

SILENT = b"<close without answering>"
STALL = b"<hold the connection>"
Routes = Mapping[str, bytes]


def http(status: int, headers: Mapping[str, str | bytes] | None = None, body: bytes = b"") -> bytes:
    """A well-formed HTTP/1.1 reply (Content-Length unless the headers say otherwise, Connection: close);
    header values given as bytes go out as they are."""
    lines = [f"HTTP/1.1 {status} X".encode()]
    given = dict(headers or {})
    if "Content-Length" not in given and "Transfer-Encoding" not in given:
        given["Content-Length"] = str(len(body))
    given.setdefault("Connection", "close")
    for name, value in given.items():
        lines.append(name.encode() + b": " + (value if isinstance(value, bytes) else value.encode("latin-1")))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


@dataclass
class RawServer:
    url: str
    hits: Counter[str] = field(default_factory=Counter)


@contextlib.contextmanager
def raw_server(routes_for: Callable[[int], Routes]) -> Iterator[RawServer]:
    stop = threading.Event()
    routes: dict[str, bytes] = {}
    hits: Counter[str] = Counter()
    not_found = http(404, {"Content-Type": "text/html"}, b"<html><body>not found</body></html>")

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            sock: socket.socket = self.request
            sock.settimeout(10)
            head = b""
            with contextlib.suppress(OSError):
                while b"\r\n\r\n" not in head and len(head) < 65536:
                    chunk = sock.recv(65536)
                    if not chunk:
                        return
                    head += chunk
            parts = head.split(b"\r\n", 1)[0].split(b" ")
            path = parts[1].decode("latin-1") if len(parts) > 1 else ""
            hits[path] += 1
            reply = routes.get(path, not_found)
            if reply is STALL:
                stop.wait(30)
                return
            if reply is not SILENT:
                with contextlib.suppress(OSError):
                    sock.sendall(reply)
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_WR)

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    routes.update(routes_for(port))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield RawServer(f"http://127.0.0.1:{port}", hits)
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A port nothing listens on (bound, then released): connections to it are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
