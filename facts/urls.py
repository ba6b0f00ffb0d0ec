"""Reading a cited URL: whether it is well-formed, its host, and for a web-archive copy the original's host."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Archives whose copies are addressed as <archive>/[collection/]<timestamp>/<original URL>, so the
# original, and with it the publisher, can be read from the address itself.
WEB_ARCHIVES = (
    "web.archive.org",
    "webarchive.library.unt.edu",
    "wayback.archive-it.org",
    "webarchive.nationalarchives.gov.uk",
    "webarchive.loc.gov",
    "arquivo.pt",
)
STRAY_CHARACTERS = "\"'<>\\|^{}`"
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_ARCHIVED = re.compile(r"^/(?:[A-Za-z0-9_-]+/)?\d{4,14}(?:[a-z]{2}_|\*)?/(?P<original>.+)$", re.DOTALL)
_SCHEME = re.compile(r"^(https?):/+", re.IGNORECASE)
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class CitedUrl:
    """A well-formed URL as the policy sees it.

    ``host`` is where the cited text is published: for a web-archive copy, the original's host
    (an archived nato.int page is NATO's), with ``archive`` naming the archive it came through.
    """

    url: str
    host: str
    archive: str | None = None

    @property
    def hosts(self) -> tuple[str, ...]:
        """Every host the URL depends on: the archive's, if any, and the publisher's."""
        return (self.archive, self.host) if self.archive else (self.host,)


class MalformedUrl(ValueError):
    """The URL cannot be cited as written; the message says what is wrong with it."""


def host_problem(host: str) -> str | None:
    """Why ``host`` is not a real internet host name, or None if it is one.

    A trailing dot, an empty label or a name without a dot is a typo no browser forgives in a
    printed citation, so each is refused rather than normalised.
    """
    if not host:
        return "it has no host"
    if host.endswith("."):
        return f"host {host!r} ends with a dot"
    if not host.isascii():
        return f"host {host!r} is not ASCII (write an international name in its xn-- form)"
    labels = host.lower().split(".")
    if len(labels) < 2:
        return f"host {host!r} has no dot"
    if not all(_LABEL.match(label) for label in labels):
        return f"host {host!r} is not letters, digits and hyphens between dots"
    if labels[-1].isdigit():
        return f"host {host!r} is an IP address, not a site's name"
    return None


def _parse_plain(url: str) -> str:
    """The lower-case host of a URL that is not an archive copy, after checking its form."""
    bad = sorted({char for char in url if char.isspace() or char in STRAY_CHARACTERS})
    if bad:
        shown = ", ".join(repr(char) for char in bad)
        raise MalformedUrl(f"it contains {shown}; percent-encode or remove it")
    if _BAD_ESCAPE.search(url):
        raise MalformedUrl("it contains a '%' that does not start a %XX escape")
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not url.lower().startswith(f"{parts.scheme.lower()}://"):
        raise MalformedUrl("the scheme must be http:// or https://")
    if "@" in parts.netloc:
        raise MalformedUrl("it carries a user name before the host")
    try:
        parts.port  # noqa: B018 - urlsplit raises on a port that is not a number
    except ValueError:
        raise MalformedUrl(f"the port in {parts.netloc!r} is not a number") from None
    host = parts.hostname or ""
    problem = host_problem(host)
    if problem:
        raise MalformedUrl(problem)
    return host.lower()


def parse_url(url: str) -> CitedUrl:
    """Check ``url`` and find whose site it is on.

    A web-archive copy is judged by the URL it archived (written ``http://host/...``, or
    ``http:/host/...`` as some archives print it, or without a scheme).

    Raises
    ------
    MalformedUrl
        If the URL, or the original inside an archive URL, is not a well-formed http(s) URL.
    """
    host = _parse_plain(url)
    if host not in WEB_ARCHIVES:
        return CitedUrl(url, host)
    match = _ARCHIVED.match(url[url.lower().index(host) + len(host) :])
    if match is None:
        raise MalformedUrl(f"a {host} URL must read {host}/web/<timestamp>/<original URL>")
    original = _SCHEME.sub(lambda m: f"{m.group(1).lower()}://", match["original"])
    if not original.lower().startswith(("http://", "https://")):
        original = f"http://{original}"
    try:
        return CitedUrl(url, _parse_plain(original), archive=host)
    except MalformedUrl as exc:
        raise MalformedUrl(f"the archived original {original!r} is malformed: {exc}") from None


def on_domain(host: str, domain: str) -> bool:
    """Whether ``host`` is ``domain`` or one of its subdomains (www.nato.int is on nato.int)."""
    return host == domain or host.endswith(f".{domain}")
