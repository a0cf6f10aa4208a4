"""The site's own pages about itself: the accessibility statement and the list of changes, rendered
from data/tilgaengelighed.yml and data/aendringer.yml (Content.statement, Content.changes).

Addresses come from the build's configuration, not from data: `address` is SITE_URL, `email` is
CONTACT_EMAIL and `was_url` is WAS_URL (mkdocs.yml `extra`, README "Build and publish").
"""

from __future__ import annotations

from markupsafe import Markup

from .content import Content
from .contract import danish_date
from .render import render_markdown


def _link(url: str) -> Markup:
    """An address as a link showing itself (escaped)."""
    return Markup('<a href="{0}">{0}</a>').format(url)


def statement_page(c: Content, address: str, email: str, was_url: str = "") -> str:
    """The statement's body (under the page's H1), in the EU model's sections."""
    return (
        "\n\n"
        + render_markdown(
            "tilgaengelighed.md",
            s=c.statement,
            address=address,
            email=email,
            was_url=was_url,
            link=_link,
            date=danish_date,
        )
        + "\n\n"
    )


def changes_page(c: Content) -> str:
    """Every change, newest first, whatever order the file lists them in."""
    changes = sorted(c.changes.changes, key=lambda change: change.date, reverse=True)
    return "\n\n" + render_markdown("aendringer.md", changes=changes, date=danish_date) + "\n\n"
