"""A real headless Chromium, driven over the DevTools protocol: open a file, read what the page shows and logs.

Why the DevTools protocol and not Selenium/Playwright: it is Chromium's own interface, needs no driver binary
matched to the browser version (Selenium) and no browser download of its own (Playwright); one small pure-Python
websocket client (`websocket-client`) is all it takes, and it reports console messages, uncaught exceptions and
every network request, which is what the report test checks.

    python -m tests.report.browser report.html docs/report.png    # a screenshot of a report, 1200 px wide
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--remote-debugging-port=0",
    "--remote-allow-origins=*",
)
STARTUP_SECONDS = 60.0  # a loaded 2-core machine can take long to start a browser; not a test time limit


def find_chromium() -> str | None:
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


@dataclass
class PageVisit:
    console_errors: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


class Chromium:
    """One headless browser with a fresh profile; `with Chromium() as browser: browser.open(path)`."""

    def __init__(self, width: int = 1200, height: int = 900) -> None:
        binary = find_chromium()
        if binary is None:
            raise FileNotFoundError("chromium not found (Debian: apt-get install chromium)")
        self._profile = tempfile.TemporaryDirectory(prefix="guidecrawl-chromium-", ignore_cleanup_errors=True)
        self._process = subprocess.Popen(
            [
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={self._profile.name}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: closing ends Chromium's helper processes too
        )
        self._socket: Any = None
        self._next_id = 0
        self.visit = PageVisit()
        try:
            self._connect()
        except BaseException:
            self.close()
            raise

    def _connect(self) -> None:
        import websocket

        port_file = Path(self._profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + STARTUP_SECONDS
        while not port_file.is_file() or not port_file.read_text().strip():
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            targets = json.load(response)
        page = next(t for t in targets if t.get("type") == "page")
        self._socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and return its result, recording the events that arrive meanwhile."""
        self._next_id += 1
        self._socket.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self._socket.recv())
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error'].get('message')}")
                return dict(message.get("result", {}))
            self._record(message)

    def _record(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.visit.console_errors.append(
                " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
            )
        elif method == "Runtime.exceptionThrown":
            self.visit.exceptions.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.visit.console_errors.append(params["entry"].get("text", ""))
        elif method == "Network.requestWillBeSent":
            self.visit.requests.append(params["request"]["url"])
        elif method == "Page.loadEventFired":
            self._loaded = True

    def open(self, path: Path) -> PageVisit:
        """Load a local file and wait for its load event; returns what the page logged and requested."""
        self.visit = PageVisit()
        self._loaded = False
        self.call("Page.navigate", url=path.resolve().as_uri())
        while not self._loaded:
            self._record(json.loads(self._socket.recv()))
        self.call("Runtime.evaluate", expression="1")  # drains events queued during the load
        return self.visit

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("text", "evaluation failed"))
        return result["result"].get("value")

    def screenshot(self, target: Path) -> Path:
        height = int(self.evaluate("document.documentElement.scrollHeight"))
        self.call("Emulation.setDeviceMetricsOverride", width=1200, height=height, deviceScaleFactor=1, mobile=False)
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        target.write_bytes(base64.b64decode(data))
        return target

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGTERM)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
        self._profile.cleanup()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m tests.report.browser REPORT.html SCREENSHOT.png", file=sys.stderr)
        return 2
    with Chromium() as browser:
        browser.open(Path(argv[0]))
        browser.screenshot(Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
