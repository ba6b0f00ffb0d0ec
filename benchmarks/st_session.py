"""One reader of the atlas over Streamlit's own protocol, as the browser speaks it, for load tests.

A browser first loads the page over HTTP (a load balancer may answer with an affinity cookie),
then opens the websocket ``/_stcore/stream`` with the subprotocols ``streamlit`` and an XSRF
token (or ``PLACEHOLDER_AUTH_TOKEN``), sends that page's cookies with the upgrade, and asks for a
run with a ``rerun_script`` BackMsg. Moving the year slider sends another ``rerun_script``: the
slider's id and its value as a ``double_array_value``, the fragment the slider lives in, the
page's script hash from ``new_session`` and the query string the app last wrote into the URL
(``page_info_changed``). The answer is a run: a ``new_session`` ForwardMsg with a run id, the
deltas, then ``script_finished`` with the same run id. Like the browser, a session keeps the
cacheable messages it received and lists their hashes in every rerun, so the server may send
``ref_hash`` references instead, which this client resolves from its own cache.

Every failure is one of four kinds, never swallowed: ``refused`` (no connection, or an HTTP
error such as the load balancer's 503), ``dropped`` (the websocket closed under a session),
``timeout`` (no end of the run in time) and ``wrong`` (the run ended without the year asked
for, with a script error, or with an unexpected status).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import websockets
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

DEFAULT_EXPECT = r'(?:setYear\(|"year":\s*){year}\b'
SLIDER_LABEL = re.compile(r"\byear\b", re.IGNORECASE)
FINISHED_OK = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


class SessionError(Exception):
    """A failed page load or year change; ``kind`` is refused, dropped, timeout or wrong."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


@dataclass
class Run:
    """What one run sent: its messages (references resolved), payload bytes and end status."""

    messages: list[ForwardMsg] = field(default_factory=list)
    received: int = 0
    status: int | None = None


def _texts(value, depth: int = 0):
    """Every string of a protobuf message, and the strings inside JSON strings (component arguments)."""
    if isinstance(value, str):
        yield value
        if depth < 3 and value[:1] in ("{", "["):
            with contextlib.suppress(ValueError):
                yield from _texts(json.loads(value), depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item, depth)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, depth)
    elif isinstance(value, Message):
        for descriptor, field_value in value.ListFields():
            if descriptor.type in (FieldDescriptor.TYPE_MESSAGE, FieldDescriptor.TYPE_STRING):
                for item in field_value if descriptor.is_repeated else [field_value]:
                    yield from _texts(item, depth)


def run_shows(run: Run, pattern: re.Pattern[str]) -> bool:
    """Whether any text of the run (deltas, URL changes, component arguments) matches ``pattern``."""
    return any(pattern.search(text) for message in run.messages for text in _texts(message))


def _http_get(url: str, cookies: dict[str, str], timeout: float) -> None:
    """GET ``url`` with the session's cookies and keep the ones the answer sets (an affinity cookie)."""
    request = urllib.request.Request(url, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            set_cookies = response.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as error:
        raise SessionError("refused", f"GET {urlsplit(url).path} answered HTTP {error.code}") from None
    except (urllib.error.URLError, OSError) as error:
        raise SessionError("refused", f"GET {urlsplit(url).path}: {getattr(error, 'reason', error)}") from None
    for header in set_cookies:
        jar = SimpleCookie()
        jar.load(header)
        cookies.update({name: morsel.value for name, morsel in jar.items()})


class MessageCache:
    """The browser's cache of ForwardMsgs, with its expiry, so the server sends what it would send a browser.

    As Streamlit's frontend does: a message expires when more than ``max_age`` runs finished
    since it was last received or referenced; a fragment's run ages only that fragment's messages.
    """

    def __init__(self) -> None:
        self.messages: dict[str, tuple[ForwardMsg, int, str]] = {}
        self.runs = 0
        self.max_age = 2

    def __iter__(self):
        return iter(self.messages)

    def keep(self, message: ForwardMsg) -> None:
        if message.hash in self.messages:
            self.get(message.hash)
        else:
            self.messages[message.hash] = (message, self.runs, message.delta.fragment_id)

    def get(self, hash_: str) -> ForwardMsg:
        message, _, fragment = self.messages[hash_]
        self.messages[hash_] = (message, self.runs, fragment)
        return message

    def run_finished(self, fragment_ids) -> None:
        self.runs += 1
        for hash_, (_, seen, fragment) in list(self.messages.items()):
            if fragment_ids and fragment not in fragment_ids:
                continue
            if self.runs - seen > self.max_age:
                del self.messages[hash_]


class Session:
    """A reader: load the page, then change the year and check each answer."""

    def __init__(self, base_url: str, *, expect: str = DEFAULT_EXPECT, query: str = "", timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.expect = expect
        self.query = query
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.cache = MessageCache()
        self.slider_id = ""
        self.fragment_id = ""
        self.page_script_hash = ""
        self.ws = None

    async def open(self, load_timeout: float = 60.0) -> Run:
        """Load the page as a browser does; returns the first run. Raises SessionError."""
        page = f"{self.base_url}/" + (f"?{self.query}" if self.query else "")
        for url in (page, f"{self.base_url}/_stcore/health", f"{self.base_url}/_stcore/host-config"):
            await asyncio.to_thread(_http_get, url, self.cookies, self.timeout)
        token = self.cookies.get("_streamlit_xsrf", "PLACEHOLDER_AUTH_TOKEN")
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        ws_url = "ws" + self.base_url.removeprefix("http") + "/_stcore/stream"
        try:
            self.ws = await websockets.connect(
                ws_url,
                subprotocols=["streamlit", token],
                additional_headers=headers,
                origin=self.base_url,
                max_size=None,
                open_timeout=self.timeout,
                ping_interval=None,  # the browser sends no pings; a busy server must not be cut off by ours
            )
        except (OSError, TimeoutError, websockets.InvalidHandshake) as error:
            raise SessionError("refused", f"websocket: {error}") from None
        run = await self._rerun(None, load_timeout)
        for message in run.messages:
            element = message.delta.new_element
            is_slider = message.WhichOneof("type") == "delta" and element.WhichOneof("type") == "slider"
            if is_slider and SLIDER_LABEL.search(element.slider.label):
                self.slider_id = element.slider.id
                self.fragment_id = message.delta.fragment_id
        if not self.slider_id:
            raise SessionError("wrong", "the page has no year slider")
        return run

    async def change_year(self, year: int) -> tuple[float, Run]:
        """Move the slider to ``year``; (seconds from send to script_finished, the run). Raises SessionError."""
        start = time.perf_counter()
        run = await self._rerun(year, self.timeout)
        seconds = time.perf_counter() - start
        if not run_shows(run, re.compile(self.expect.replace("{year}", str(year)))):
            raise SessionError("wrong", f"the answer to {year} does not show {year}")
        return seconds, run

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def _rerun_message(self, year: int | None) -> bytes:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_script_hash
        state.cached_message_hashes.extend(self.cache)
        context = state.context_info
        context.timezone, context.locale, context.color_scheme = "UTC", "en-US", "light"
        context.url = f"{self.base_url}/" + (f"?{self.query}" if self.query else "")
        if year is not None:
            state.fragment_id = self.fragment_id
            widget = state.widget_states.widgets.add()
            widget.id = self.slider_id
            widget.double_array_value.data.append(float(year))
        return message.SerializeToString()

    async def _rerun(self, year: int | None, timeout: float) -> Run:
        """Send a rerun and collect its run: from its new_session to the script_finished of that run id."""
        try:
            await self.ws.send(self._rerun_message(year))
        except websockets.ConnectionClosed as closed:
            raise SessionError("dropped", f"websocket closed ({closed.rcvd.code if closed.rcvd else 'no close frame'})") from None
        run, run_id = Run(), None
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            try:
                data = await asyncio.wait_for(self.ws.recv(), max(remaining, 0.001))
            except TimeoutError:
                raise SessionError("timeout", f"no answer within {timeout:.0f} s") from None
            except websockets.ConnectionClosed as closed:
                raise SessionError(
                    "dropped", f"websocket closed ({closed.rcvd.code if closed.rcvd else 'no close frame'})"
                ) from None
            run.received += len(data)
            message = ForwardMsg()
            message.ParseFromString(data)
            if message.metadata.cacheable and message.hash:
                self.cache.keep(message)
            kind = message.WhichOneof("type")
            if kind == "ref_hash":
                if message.ref_hash not in self.cache.messages:
                    raise SessionError("wrong", f"reference to a message never received ({message.ref_hash})")
                message = self.cache.get(message.ref_hash)
                kind = message.WhichOneof("type")
            if kind == "new_session":
                run_id = message.metadata.run.script_run_id
                self.page_script_hash = message.new_session.page_script_hash
                self.cache.max_age = message.new_session.config.max_cached_message_age
                run.messages.clear()
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "delta" and message.delta.new_element.WhichOneof("type") == "exception":
                raise SessionError("wrong", f"script error: {message.delta.new_element.exception.message[:200]}")
            if run_id is None:
                continue  # the tail of an earlier run
            run.messages.append(message)
            if kind == "script_finished" and message.metadata.run.script_run_id in (run_id, ""):
                if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    run_id = None  # the app called st.rerun(): the answer is the next run
                    continue
                if message.script_finished not in FINISHED_OK:
                    raise SessionError("wrong", f"run ended with status {message.script_finished}")
                run.status = message.script_finished
                self.cache.run_finished(message.metadata.run.fragment_ids)
                return run
