"""What ``triage sources check`` found, for the screen (Rich) and as JSON. Returns, never prints.

A word diff marks words as ``git diff --word-diff`` does, so it reads without colour too:
``[-only in the quote-]`` and ``{+only on the page+}``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from triage.check.sources import Change, PageCheck, QuoteCheck, Status
from triage.core.model import Directory
from triage.render.i18n import t
from triage.render.words import format_phone, inert, inert_line, text_of

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

#: The version of the JSON document ``triage sources check --format json`` prints.
FORMAT = "triage-sources/1"

_MARKS = {Change.REMOVED: ("[-", "-]", "red strike"), Change.ADDED: ("{+", "+}", "bold green")}


def diff_text(check: QuoteCheck) -> str:
    """Return a changed quote's word diff as plain text with [-…-] and {+…+} marks."""
    parts = []
    for piece in check.diff:
        start, end, _ = _MARKS.get(piece.change, ("", "", ""))
        parts.append(f"{start}{inert_line(piece.text)}{end}")
    return " ".join(parts)


def resting_line(check: QuoteCheck, lang: str) -> str:
    """Return what rests on a quote: 'spørsmål a, b; kriterier c; utfall d; kontakter e'."""
    groups = (
        ("drift_questions", check.questions),
        ("drift_criteria", check.criteria),
        ("drift_outcomes", check.outcomes),
        ("drift_contacts", check.contacts),
    )
    said = [f"{t(key, lang)} {', '.join(ids)}" for key, ids in groups if ids]
    return "; ".join(said) or t("drift_nothing_rests", lang)


def where(check: QuoteCheck) -> str:
    """Return where a quote is written: 'chapter10.yaml:45'."""
    name = check.path.replace("\\", "/").rsplit("/", 1)[-1] or f"{check.questionnaire}.yaml"
    name = inert_line(name)
    return f"{name}:{check.quote.line}" if check.quote.line else name


def render_drift(result: PageCheck, directory: Directory, lang: str = "nb") -> RenderableType:
    """Return the findings for the screen: changed and missing quotes, contact details."""
    from rich.console import Group
    from rich.text import Text

    parts: list[Any] = []
    source = directory.sources.get(result.page)
    title = text_of(source.title, lang) if source else result.page
    heading = Text(t("drift_heading", lang, title=title, page=result.page), style="bold")
    parts.append(heading)
    counts = {s: result.count(s) for s in Status}
    parts.append(
        Text(
            t(
                "drift_counts",
                lang,
                found=counts[Status.FOUND],
                changed=counts[Status.CHANGED],
                missing=counts[Status.MISSING],
            )
        )
    )
    for check in result.quotes:
        if check.status is Status.FOUND:
            continue
        parts.append(Text(""))
        key = "drift_changed" if check.status is Status.CHANGED else "drift_missing"
        line = Text(
            t(key, lang, where=where(check), id=check.quote.id, percent=_percent(check)),
            style="bold yellow" if check.status is Status.CHANGED else "bold red",
        )
        parts.append(line)
        if check.status is Status.CHANGED:
            parts.append(_indented(_diff(check)))
        else:
            parts.append(_indented(Text(f"«{inert_line(check.quote.text)}»")))
        parts.append(_indented(Text(t("drift_rests_on", lang, what=resting_line(check, lang)))))
    if result.new_phones or result.new_emails:
        parts.append(Text(""))
        parts.append(Text(t("drift_new_details", lang), style="bold yellow"))
        for phone in result.new_phones:
            parts.append(_indented(Text(f"{t('drift_phone', lang)} {inert_line(phone)}")))
        for email in result.new_emails:
            parts.append(_indented(Text(f"{t('drift_email', lang)} {inert_line(email)}")))
    if result.vanished:
        parts.append(Text(""))
        parts.append(Text(t("drift_vanished", lang), style="bold red"))
        for gone in result.vanished:
            contact = directory.contacts.get(gone.contact)
            name = inert_line(contact.name) if contact else gone.contact
            value = format_phone(gone.value) if gone.field == "phone" else gone.value
            field = t(f"drift_{gone.field}", lang)
            parts.append(_indented(Text(f"{name} ({gone.contact}): {field} {inert_line(value)}")))
    parts.append(Text(""))
    if result.changed:
        parts.append(Text(t("drift_verdict_changed", lang), style="bold"))
    else:
        parts.append(Text(t("drift_verdict_clean", lang, found=counts[Status.FOUND])))
    return Group(*parts)


def _percent(check: QuoteCheck) -> int:
    return round(check.similarity * 100)


def _diff(check: QuoteCheck) -> Text:
    from rich.text import Text

    text = Text()
    for index, piece in enumerate(check.diff):
        if index:
            text.append(" ")
        start, end, style = _MARKS.get(piece.change, ("", "", ""))
        text.append(f"{start}{inert_line(piece.text)}{end}", style=style)
    return text


def _indented(body: Text) -> RenderableType:
    from rich.padding import Padding

    return Padding(body, (0, 0, 0, 2))


def drift_json(result: PageCheck) -> dict[str, object]:
    """Return the findings as a JSON document (``triage-sources/1``).

    Every text from a file or the page is made inert, as in the report's JSON: a page or a
    quote can hold terminal escapes and bidi controls that a terminal showing the JSON obeys.
    """
    return {
        "format": FORMAT,
        "page": inert(result.page),
        "changed": result.changed,
        "quotes": [
            {
                "questionnaire": inert(check.questionnaire),
                "where": inert(where(check)),
                "id": inert(check.quote.id),
                "status": check.status.value,
                "similarity": round(check.similarity, 3),
                "text": inert(check.quote.text),
                "diff": [{"change": p.change.value, "text": inert(p.text)} for p in check.diff],
                "questions": [inert(i) for i in check.questions],
                "criteria": [inert(i) for i in check.criteria],
                "outcomes": [inert(i) for i in check.outcomes],
                "contacts": [inert(i) for i in check.contacts],
            }
            for check in result.quotes
        ],
        "new_phones": [inert(n) for n in result.new_phones],
        "new_emails": [inert(e) for e in result.new_emails],
        "vanished": [
            {"contact": inert(v.contact), "field": v.field, "value": inert(v.value)}
            for v in result.vanished
        ],
    }
