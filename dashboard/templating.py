"""The dashboard's Jinja2 templates (``dashboard/templates/``): HTML and SVG rendered with autoescape on.

Every value put into HTML goes through a template, so it is escaped by Jinja2 rather than by
hand; data handed to a script goes through ``tojson``, which also makes it safe inside
``<script>``. Templates are compiled once per process by the environment's cache.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from dashboard.wording import human

ENVIRONMENT = Environment(
    loader=PackageLoader("dashboard", "templates"),
    # HTML and SVG are escaped; the JavaScript templates only ever print values through tojson,
    # and the BibTeX template is plain text.
    autoescape=select_autoescape(["html", "svg"], default_for_string=True, default=False),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
    auto_reload=False,  # templates ship with the code: no file check on every render
)


ENVIRONMENT.filters["human"] = human


def render(template: str, /, **context: object) -> str:
    """Render ``templates/<template>`` with ``context``; every value in the result is escaped."""
    return ENVIRONMENT.get_template(template).render(**context)
