"""A tiny Chrome DevTools Protocol client for the browser tests: Debian's chromium, headless, driven
over ``--remote-debugging-pipe`` (NUL-separated JSON on file descriptors 3 and 4) with the standard
library only.

The page has no network: requests go to a dead proxy and every host name fails to resolve; besides,
every request the page makes is recorded (``Browser.requests``) so a test can assert that none left
``file:``/``data:``.

Run by hand to check a folder of pages and save screenshots::

    python tests/browser_check.py build/viz build/screenshots
"""
from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
         "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-pipe")


class BrowserError(RuntimeError):
    pass


class Browser:
    """One headless chromium with one page (tab); use as a context manager."""

    def __init__(self, binary: Path = CHROMIUM, width: int = 1400, height: int = 900, timeout: float = 60.0):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="qgraph-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def child_fds() -> None:  # chromium reads commands on fd 3, writes answers on fd 4
            a = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.log = open(Path(self.profile) / "chromium.log", "wb")
        self.process = subprocess.Popen(
            [str(binary), *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={width},{height}",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
            preexec_fn=child_fds, close_fds=False)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        self.requests: list[str] = []
        try:
            target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Network"):
                self.send(f"{domain}.enable", session=True)
            self.send("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=True)
        except BaseException:
            self.close()
            raise

    # --- the protocol ---
    def send(self, method: str, params: dict | None = None, session: bool = False) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._event(reply)

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise BrowserError(f"chromium did not answer within {self.timeout:g} s")
            if self.process.poll() is not None:
                raise BrowserError(f"chromium exited with {self.process.returncode}")
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the debugging pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def _event(self, event: dict) -> None:
        if event.get("method") == "Network.requestWillBeSent":
            self.requests.append(event["params"]["request"]["url"])
        self.events.append(event)

    def wait_for_event(self, method: str, timeout: float | None = None) -> dict:
        deadline = time.monotonic() + (timeout or self.timeout)
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._read(deadline)
            if event.get("method") == method:
                self._event(event)
                self.events.remove(event)
                return event
            self._event(event)

    # --- what the tests use ---
    def open(self, url: str) -> None:
        """Navigate and wait for the load event."""
        self.events.clear()
        self.send("Page.navigate", {"url": url}, session=True)
        self.wait_for_event("Page.loadEventFired")

    def evaluate(self, expression: str, timeout: float | None = None):
        """The value of a JavaScript expression (promises awaited)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                "returnByValue": True, "timeout": (timeout or self.timeout) * 1000},
                           session=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:60]}…: {result['exceptionDetails'].get('text')} "
                               f"{result['exceptionDetails'].get('exception', {}).get('description', '')}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30.0, interval: float = 0.05):
        """Poll until the expression is truthy; its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out after {timeout:g} s waiting for {expression}")
            time.sleep(interval)

    def mouse_move(self, x: float, y: float) -> None:
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y}, session=True)

    def screenshot(self, path: Path) -> Path:
        data = self.send("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                try:
                    os.write(self._to_chrome, json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
                    self.process.wait(timeout=10)
                except (OSError, subprocess.TimeoutExpired):
                    self.process.kill()
                    self.process.wait()
        finally:
            for fd in (self._to_chrome, self._from_chrome):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self.log.close()
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# JavaScript run in a graph page once it has stabilised: what the tests check.
PAGE_REPORT = """(() => {
  const canvas = document.querySelector('#mynetwork canvas');
  let inked = 0, total = 0;
  if (canvas) {
    const ctx = canvas.getContext('2d');
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    total = canvas.width * canvas.height;
    for (let i = 0; i < data.length; i += 4) {
      // drawn = not transparent and not white
      if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) inked++;
    }
  }
  return Object.assign({}, window.__qgraph, {inked: inked, pixels: total,
                        datasetNodes: nodes.length, datasetEdges: edges.length,
                        xss: window.__xss === undefined ? null : String(window.__xss)});
})()"""


def check_page(browser: Browser, page: Path, screenshot: Path | None = None, timeout: float = 30.0) -> dict:
    """Open a graph page from disk, wait until it has stabilised, report (and screenshot) it."""
    browser.open(page.resolve().as_uri())
    browser.wait_for("window.__qgraph && window.__qgraph.stabilised", timeout=timeout)
    time.sleep(0.2)  # one more frame drawn after physics was switched off
    report = browser.evaluate(PAGE_REPORT)
    if screenshot is not None:
        browser.screenshot(screenshot)
    return report


def main(argv: list[str]) -> int:
    folder, shots = Path(argv[1]), Path(argv[2]) if len(argv) > 2 else None
    with Browser() as browser:
        for page in sorted(folder.glob("*.html")):
            if page.name == "index.html":
                continue
            report = check_page(browser, page, shots / f"{page.stem}.png" if shots else None)
            print(f"{page.name}: {report['nodes']} nodes, {report['edges']} edges, stabilised in "
                  f"{report['stabilisedMs']} ms ({report['sinceNavigationMs']} ms since navigation, "
                  f"{report['iterations']} iterations), {report['inked']} pixels drawn")
        outside = [u for u in browser.requests if not u.startswith(("file:", "data:", "about:"))]
        print("requests outside file:/data:", outside or "none")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
