"""The contact sheet: the contact directory as Markdown, to print (``triage contacts --format
markdown``).

One section per contact. Every string from YAML is made inert, kept on one line and escaped,
so that it shows as typed and cannot become a link, a heading or markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from triage.core.model import Contact, Directory
from triage.render.i18n import t
from triage.render.words import (
    checked_text,
    escape_markdown,
    format_hours,
    format_phone,
    is_website,
    phone_text,
    text_of,
)


def contact_sheet(
    contacts: Iterable[Contact], directory: Directory, lang: str, now: dt.datetime | None
) -> str:
    """Return the contacts as a printable Markdown sheet, one section per contact."""
    out = [f"# {t('contact_sheet', lang)}", ""]
    for contact in contacts:
        out += _section(contact, directory, lang, now)
    return "\n".join(out)


def _section(
    contact: Contact, directory: Directory, lang: str, now: dt.datetime | None
) -> list[str]:
    md = escape_markdown
    heading = md(contact.name)
    if contact.historical:
        heading += f" ({t('historical', lang)})"
    out = [f"## {heading}", ""]
    if contact.emergency:
        out += [f"**{t('urgent', lang)}**", ""]

    def row(label: str, value: str) -> None:
        out.append(f"- **{t(label, lang)}:** {value}")

    row("role", md(text_of(contact.role, lang)))
    if contact.organisation != contact.name:
        row("organisation", md(contact.organisation))
    if contact.historical and contact.phone:
        shown = md(format_phone(contact.phone))
        row("phone", f"{shown} ({t('historical_number', lang)})")
    elif not is_website(contact):
        row("phone", md(phone_text(contact, lang)))
    if contact.email:
        row("email", md(contact.email))
    if contact.url:
        row("website", md(contact.url))
    if contact.hours:
        row("hours", format_hours(contact.hours, lang))
    source = directory.sources.get(contact.source)
    if source is not None:
        row("source_label", md(text_of(source.title, lang)))
    row("checked_label", checked_text(contact, now, lang))
    out.append("")
    return out
