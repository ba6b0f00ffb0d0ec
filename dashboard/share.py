"""What a reader takes away from a view: its link, a citation (plain text and BibTeX), an embed snippet.

Pure functions of the view and the page's address, so they are tested without Streamlit.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode, urlsplit

from dashboard.templating import render
from dashboard.url_state import view_params
from dashboard.wording import human

ATLAS = "NATO–Balkans Atlas"
# Characters that mean something to LaTeX, as BibTeX titles must write them.
LATEX_SPECIALS = {"{": "\\{", "}": "\\}", "&": "\\&", "%": "\\%", "$": "\\$", "#": "\\#", "_": "\\_"}


def view_url(base: str, year: int, country: str | None = None, compare: int | None = None, **extra: str) -> str:
    """The link that reopens this view: the page's address (its own query dropped) and the view's parameters."""
    page = base.split("?")[0].split("#")[0]
    if not urlsplit(page).path:
        page += "/"
    return f"{page}?{urlencode(view_params(year, country, compare) | extra)}"


def view_title(year: int, country_name: str | None, current_year: int) -> str:
    """The view's title: what the map shows, and for which day."""
    day = "today" if year >= current_year else f"31 December {year}"
    subject = f"{country_name} and NATO" if country_name else "NATO status of the Balkan countries"
    return f"{subject}, {day}"


def citation(title: str, url: str, accessed: dt.date) -> str:
    """A plain-text citation: atlas, view title, URL and access date."""
    return f"{ATLAS}. “{title}”. {url} (accessed {human(accessed)})."


def bibtex(title: str, url: str, accessed: dt.date, year: int) -> str:
    """The same citation as a BibTeX ``@misc`` entry (LaTeX's special characters in the title escaped)."""
    safe = "".join(LATEX_SPECIALS.get(character, character) for character in title)
    return render("citation.bib", key=f"natobalkansatlas{year}", title=safe, url=url, accessed=accessed.isoformat(), atlas=ATLAS)


def embed_snippet(url: str, title: str) -> str:
    """An ``<iframe>`` for articles: the chrome-less map of this view (``embed=1``)."""
    return render("embed.html", url=url, title=title)
