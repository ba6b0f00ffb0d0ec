"""The two tables of the source policy (publishers with their sites; denied sites), and lookups in them."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from facts.schema import Record
from facts.urls import host_problem, on_domain

PRIMARY_KINDS = ("nato", "government", "parliament", "gazette", "intergovernmental", "armed_forces")
OTHER_KINDS = ("encyclopaedia", "newspaper", "news_agency", "broadcaster", "research", "state_media", "other")
PublisherKind = Literal[
    "nato",
    "government",
    "parliament",
    "gazette",
    "intergovernmental",
    "armed_forces",
    "encyclopaedia",
    "newspaper",
    "news_agency",
    "broadcaster",
    "research",
    "state_media",
    "other",
]
WeakKind = Literal[
    "forum",
    "document_mirror",
    "sharing_site",
    "wikipedia_copy",
    "content_farm",
    "blog_host",
    "blog",
    "aggregator",
    "press_release_wire",
    "other",
]


def _domain(value: str) -> str:
    """A table's domain: a lower-case host name without scheme, path or 'www.' (it covers its subdomains)."""
    problem = host_problem(value)
    if problem:
        raise ValueError(f"not a domain: {problem}")
    if value != value.lower() or value.startswith("www."):
        raise ValueError(f"write the domain {value!r} in lower case and without 'www.'")
    return value


Domain = Annotated[str, AfterValidator(_domain)]


class Publisher(Record):
    """Who may be named as a source's publisher, what kind of publisher it is, and the sites it owns."""

    name: str = Field(min_length=1, pattern=r"^[^|]+$", description="The exact text of a source's `publisher`.")
    kind: PublisherKind = Field(description="Primary kinds: " + ", ".join(PRIMARY_KINDS))
    domains: list[Domain] = Field(min_length=1, description="The sites it owns; subdomains included.")

    @property
    def primary(self) -> bool:
        """Whether its own pages are primary sources (NATO, governments, parliaments, ...)."""
        return self.kind in PRIMARY_KINDS


class WeakSource(Record):
    """A site that is never a source, and why."""

    domain: Domain
    kind: WeakKind
    reason: str = Field(min_length=1, description="Why it cannot be cited, and what to cite instead.")


class SourceTables:
    """The publisher and deny tables, indexed for the checks and the report.

    ``publishers`` or ``weak`` is None when its file could not be read; the rules that need it
    are then skipped (the unreadable file is itself reported), so one broken table does not
    bury the data's real problems under a false one per source.
    """

    def __init__(self, publishers: list[Publisher] | None, weak: list[WeakSource] | None):
        self.publishers = publishers
        self.weak = weak
        self._by_name = {publisher.name: publisher for publisher in publishers or []}

    def publisher(self, name: str) -> Publisher | None:
        """The publisher named ``name`` exactly, if the table has it."""
        return self._by_name.get(name)

    def owner(self, host: str) -> Publisher | None:
        """The publisher whose most specific domain ``host`` is on (mvp.gov.me: the ministry, not the government)."""
        best: tuple[int, Publisher] | None = None
        for publisher in self.publishers or []:
            for domain in publisher.domains:
                if on_domain(host, domain) and (best is None or len(domain) > best[0]):
                    best = (len(domain), publisher)
        return best[1] if best else None

    def denied(self, host: str) -> WeakSource | None:
        """The deny-table entry ``host`` falls under, if any."""
        for entry in self.weak or []:
            if on_domain(host, entry.domain):
                return entry
        return None

    def kind_of(self, publisher: str, host: str) -> str | None:
        """The kind of a source: that of the site's owner, else that of the publisher it names."""
        owner = self.owner(host) or self.publisher(publisher)
        return owner.kind if owner else None

    def is_primary(self, publisher: str, host: str) -> bool:
        """A source is primary when it names a primary publisher and stands on that publisher's own site."""
        named = self.publisher(publisher)
        return named is not None and named.primary and any(on_domain(host, domain) for domain in named.domains)
