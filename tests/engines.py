"""Two more browser engines from Debian's archive, beside Chromium: WebKitGTK (the engine of
Safari on the iPhone) and Firefox ESR. Playwright cannot drive these stock builds, so:

- WebKitGTK: ``/usr/bin/WebKitWebDriver`` (webkit2gtk-driver) driving its MiniBrowser through
  Selenium, on an Xvfb display of its own. Its window is never narrower than about 450 px, so a
  page "at 320 px" is loaded in a same-origin iframe of that width on a wrapper page (the
  server's own "not found" page, emptied), and every script then runs inside that frame.
- Firefox ESR: ``firefox-esr --headless --remote-debugging-port`` and WebDriver BiDi over a
  websocket; ``browsingContext.setViewport`` gives a true 320 px viewport.

Both offer the same small surface (``Engine``): open a page at a width, evaluate an expression
(a promise is awaited, the value comes back as JSON), wait for a condition. ``EnginePage`` adds
the few Playwright-like calls the shared test helpers use (``fill``, ``click``, ``check``, ...),
with CSS selectors and Playwright's ``:has-text('...')``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from project_paths import REPO

WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
# In libwebkit2gtk-4.1-0, under the machine's multiarch folder (x86_64-linux-gnu, ...).
MINIBROWSER = next(
    Path("/usr/lib").glob("*/webkit2gtk-4.1/MiniBrowser"),
    Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"),
)
FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
XVFB = shutil.which("Xvfb") or "/usr/bin/Xvfb"
INSTALL = "scripts/install-system-packages.sh"
# The wrapper page of the WebKit frame: any address of the server that is not a page.
WRAPPER_PATH = "/__kader-voor-de-test__"


# A page is there to check once it has loaded and has a body.
LOADED = "document.readyState === 'complete' && document.body !== null"


class EngineError(RuntimeError):
    """A script threw in the page, or the browser did not answer as expected."""


class Engine(Protocol):
    name: str

    def open(self, url: str, width: int = 320, height: int = 740) -> None:
        """Load ``url`` in a viewport of ``width`` CSS px and wait for its ``load`` event."""

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (a promise is awaited)."""

    def close(self) -> None: ...


def wait_for(engine: Engine, condition: str, timeout: float = 10.0) -> None:
    """Poll ``condition`` until it is truthy (errors while a page loads count as not yet)."""
    deadline = time.monotonic() + timeout
    last: object = None
    while True:
        try:
            value = engine.evaluate(f"!!({condition})")
        except EngineError as error:
            value, last = None, error
        if value:
            return
        if time.monotonic() > deadline:
            raise EngineError(f"{engine.name}: not true after {timeout} s: {condition} ({last})")
        time.sleep(0.1)


def _as_json(expression: str) -> str:
    """An expression whose value is the JSON text of ``expression``'s (awaited) value."""
    return (
        "(async () => { const value = await (" + expression + ");"
        " return value === undefined ? 'null' : JSON.stringify(value); })()"
    )


# ---------------------------------------------------------------------------------------------
# Firefox ESR over WebDriver BiDi


class Firefox:
    """Firefox ESR, headless, driven over WebDriver BiDi (a websocket, no geckodriver)."""

    name = "firefox"

    def __init__(self) -> None:
        from websockets.sync.client import connect

        if not Path(FIREFOX).exists():
            raise EngineError(f"firefox-esr ontbreekt: {INSTALL} installeert het.")
        self._profile = tempfile.mkdtemp(prefix="kookboek-firefox-")
        self._process = subprocess.Popen(
            [
                FIREFOX,
                "--headless",
                "--no-remote",
                "--profile",
                self._profile,
                "--remote-debugging-port",
                "0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "MOZ_CRASHREPORTER_DISABLE": "1"},
        )
        self._next_id = 0
        self._loaded: set[str | None] = set()  # navigations whose load event came
        self._closing = contextlib.ExitStack()
        try:
            address = self._listening_address()
            self._socket = self._closing.enter_context(
                connect(address + "/session", max_size=None, open_timeout=30)
            )
            self._send("session.new", {"capabilities": {}})
            self._send("session.subscribe", {"events": ["browsingContext.load"]})
            [top] = self._send("browsingContext.getTree", {"maxDepth": 0})["contexts"]
        except Exception:
            self._stop()
            raise
        self._context: str = top["context"]

    def _listening_address(self) -> str:
        assert self._process.stderr is not None
        seen = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self._process.stderr.readline()
            if not line and self._process.poll() is not None:
                break
            seen.append(line)
            found = re.search(r"WebDriver BiDi listening on (ws://\S+)", line)
            if found:
                # Read on, or Firefox blocks once the pipe is full.
                threading.Thread(target=self._process.stderr.read, daemon=True).start()
                return found.group(1)
        self._process.kill()
        raise EngineError("Firefox did not start WebDriver BiDi:\n" + "".join(seen[-20:]))

    def _send(self, method: str, params: dict[str, Any]) -> Any:
        self._next_id += 1
        command_id = self._next_id
        self._socket.send(json.dumps({"id": command_id, "method": method, "params": params}))
        while True:
            message = json.loads(self._socket.recv(timeout=60))
            if message.get("type") == "event":
                self._loaded.add(message["params"].get("navigation"))
                continue
            if message.get("id") != command_id:
                continue
            if message.get("type") == "error":
                raise EngineError(f"{method}: {message.get('error')}: {message.get('message')}")
            return message["result"]

    def _wait_for_load(self, navigation: str) -> None:
        """Until the load event of ``navigation``. Not "wait": "complete": Firefox ends that
        wait early when the page it leaves changes its history entry on the way out."""
        deadline = time.monotonic() + 60
        while navigation not in self._loaded:
            if time.monotonic() > deadline:
                raise EngineError(f"firefox: navigation {navigation} did not load")
            message = json.loads(self._socket.recv(timeout=60))
            if message.get("type") == "event":
                self._loaded.add(message["params"].get("navigation"))
        self._loaded.clear()

    def open(self, url: str, width: int = 320, height: int = 740) -> None:
        self._send(
            "browsingContext.setViewport",
            {"context": self._context, "viewport": {"width": width, "height": height}},
        )
        started = self._send(
            "browsingContext.navigate", {"context": self._context, "url": url, "wait": "none"}
        )
        self._wait_for_load(started["navigation"])

    def evaluate(self, expression: str) -> Any:
        result = self._send(
            "script.evaluate",
            {
                "expression": _as_json(expression),
                "target": {"context": self._context},
                "awaitPromise": True,
                "resultOwnership": "none",
            },
        )
        if result["type"] == "exception":
            raise EngineError(f"firefox: {result['exceptionDetails'].get('text')}: {expression}")
        return json.loads(result["result"]["value"])

    def screenshot(self, path: Path) -> None:
        import base64

        data = self._send("browsingContext.captureScreenshot", {"context": self._context})
        path.write_bytes(base64.b64decode(data["data"]))

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the browser may close the socket first
            self._send("browser.close", {})
        self._stop()

    def _stop(self) -> None:
        try:
            self._closing.close()
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        finally:
            if self._process.stderr is not None:
                self._process.stderr.close()
            shutil.rmtree(self._profile, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# WebKitGTK through WebKitWebDriver and Selenium, on Xvfb


class Xvfb:
    """A virtual X display of its own (a free display number chosen by Xvfb itself)."""

    def __init__(self) -> None:
        if not Path(XVFB).exists():
            raise EngineError(f"Xvfb ontbreekt: {INSTALL} installeert het.")
        read, write = os.pipe()
        self._process = subprocess.Popen(
            [XVFB, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as numbers:
            number = numbers.readline().strip()
        if not number:
            self._process.kill()
            raise EngineError("Xvfb did not start")
        self.display = f":{number}"

    def close(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=10)


class WebKit:
    """WebKitGTK's MiniBrowser through WebKitWebDriver; pages at phone width in an iframe."""

    name = "webkit"

    def __init__(self) -> None:
        from selenium import webdriver

        for needed in (WEBKIT_DRIVER, MINIBROWSER):
            if not needed.exists():
                raise EngineError(f"{needed} ontbreekt: {INSTALL} installeert webkit2gtk-driver.")
        self._display = Xvfb()
        env = {**os.environ, "DISPLAY": self._display.display, "NO_AT_BRIDGE": "1"}
        env.pop("WAYLAND_DISPLAY", None)
        options = webdriver.WebKitGTKOptions()
        options.binary_location = str(MINIBROWSER)
        options.add_argument("--automation")
        service = webdriver.WebKitGTKService(executable_path=str(WEBKIT_DRIVER), env=env)
        try:
            with warnings.catch_warnings():
                # Selenium's own WebKitGTK driver uses an argument Selenium deprecates.
                warnings.filterwarnings(
                    "ignore", "setting remote_server_addr", category=DeprecationWarning
                )
                self._driver = webdriver.WebKitGTK(options=options, service=service)
        except Exception:
            self._display.close()
            raise
        self._driver.set_script_timeout(30)
        self._wrapper: str | None = None

    def open(self, url: str, width: int = 320, height: int = 740) -> None:
        parts = urlsplit(url)
        wrapper = f"{parts.scheme}://{parts.netloc}{WRAPPER_PATH}"
        driver = self._driver
        driver.switch_to.default_content()
        if self._wrapper != wrapper:
            driver.get(wrapper)
            self._wrapper = wrapper
        driver.execute_script(
            """
            const [url, width, height] = arguments;
            document.documentElement.style.cssText = "margin:0;padding:0";
            document.body.style.cssText = "margin:0;padding:0";
            const frame = document.createElement("iframe");
            frame.style.cssText = `border:0;display:block;width:${width}px;height:${height}px`;
            frame.id = "kb-test-frame";
            window.__kbFrameLoaded = false;
            frame.addEventListener("load", () => {
              // not the empty document a new frame starts with
              const shown = frame.contentWindow.location.href;
              if (shown !== "about:blank") window.__kbFrameLoaded = true;
            });
            frame.src = url;
            document.body.replaceChildren(frame);
            """,
            url,
            width,
            height,
        )
        deadline = time.monotonic() + 30
        while not driver.execute_script("return window.__kbFrameLoaded"):
            if time.monotonic() > deadline:
                raise EngineError(f"webkit: {url} did not load in its frame")
            time.sleep(0.05)
        driver.switch_to.frame(driver.find_element("id", "kb-test-frame"))
        wait_for(self, LOADED)

    def evaluate(self, expression: str) -> Any:
        from selenium.common.exceptions import WebDriverException

        try:
            text = self._driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                + _as_json(expression)
                + ".then(done, error => done({kbError: String(error)}));"
            )
        except WebDriverException as error:
            raise EngineError(f"webkit: {error.msg}: {expression}") from None
        if isinstance(text, dict):
            raise EngineError(f"webkit: {text.get('kbError')}: {expression}")
        return json.loads(text)

    def screenshot(self, path: Path) -> None:
        self._driver.switch_to.default_content()
        try:
            self._driver.save_screenshot(str(path))
        finally:
            self._driver.switch_to.frame(self._driver.find_element("id", "kb-test-frame"))

    def close(self) -> None:
        try:
            self._driver.quit()
        finally:
            self._display.close()


def start(name: str) -> Engine:
    return WebKit() if name == "webkit" else Firefox()


# ---------------------------------------------------------------------------------------------
# What the tests do in either engine

_FIND = """((selector) => {
  const hasText = selector.match(/^(.*):has-text\\('(.*)'\\)$/);
  const found = hasText
    ? [...document.querySelectorAll(hasText[1])].find(e => e.textContent.includes(hasText[2]))
    : document.querySelector(selector);
  if (!found) throw new Error("not found: " + selector);
  return found;
})"""


class EnginePage:
    """The Playwright-like calls the shared helpers (tests/form_helpers.py, ...) make, done
    with scripts in the page: enough for forms, buttons and links."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def evaluate(self, expression: str) -> Any:
        return self.engine.evaluate(expression)

    def wait_for(self, condition: str, timeout: float = 10.0) -> None:
        wait_for(self.engine, condition, timeout)

    def _on(self, selector: str, body: str) -> Any:
        return self.engine.evaluate(f"(element => {body})({_FIND}({json.dumps(selector)}))")

    def click(self, selector: str) -> None:
        self._on(selector, "{ element.scrollIntoView({block: 'center'}); element.click(); }")

    def fill(self, selector: str, value: str) -> None:
        self._on(
            selector,
            "{ element.focus(); element.value = " + json.dumps(value) + ";"
            " element.dispatchEvent(new Event('input', {bubbles: true}));"
            " element.dispatchEvent(new Event('change', {bubbles: true})); }",
        )

    def check(self, selector: str) -> None:
        self._on(selector, "{ if (!element.checked) element.click(); }")

    def select_option(self, selector: str, value: str) -> None:
        self._on(
            selector,
            "{ element.value = " + json.dumps(value) + ";"
            " element.dispatchEvent(new Event('input', {bubbles: true}));"
            " element.dispatchEvent(new Event('change', {bubbles: true})); }",
        )

    def is_visible(self, selector: str) -> bool:
        try:
            return bool(self._on(selector, "element.getClientRects().length > 0"))
        except EngineError:
            return False

    def text_content(self, selector: str) -> str:
        return str(self._on(selector, "element.textContent"))

    def inner_text(self, selector: str) -> str:
        return str(self._on(selector, "element.innerText"))

    def fits(self) -> bool:
        return bool(self.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def overflow_problems(
    engine: Engine, base_url: str, pages: Iterable[str], widths: Iterable[int]
) -> dict[int, dict[str, list[str]]]:
    """scripts/phone_width.py's check in this engine: for each width, the pages that do not
    fit and why (pages that fit are left out)."""
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    from phone_width import OVERFLOW_CHECK

    results: dict[int, dict[str, list[str]]] = {}
    pages = list(pages)
    for width in widths:
        found: dict[str, list[str]] = {}
        for page in pages:
            engine.open(base_url + page, width)
            try:
                problems: list[str] = engine.evaluate(f"({OVERFLOW_CHECK})()")
            except EngineError as error:
                raise EngineError(f"/{page} @ {width} px: {str(error)[:300]}") from None
            if problems:
                found[page] = problems
        results[width] = found
    return results
