"""Render a decision: a Rich renderable for the terminal and a versioned JSON document.

Renderers return; only the CLI prints. Every string from YAML or from an answer goes into
Rich as a ``Text`` (never parsed as markup) after control characters are made inert.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from triage.engine import Decision
from triage.i18n import t
from triage.model import (
    UNKNOWN,
    AnswerValue,
    Contact,
    Directory,
    Hours,
    Level,
    Question,
    QuestionKind,
    Text,
)

if TYPE_CHECKING:
    from rich.console import RenderableType

    from triage.routing import Step

JSON_FORMAT = "triage-result/1"

LEVEL_STYLE = {
    Level.POSITIVE: ("✓", "green"),
    Level.NEGATIVE: ("✗", "red"),
    Level.REPORT: ("!", "magenta"),
    Level.INFORMATION: ("i", "blue"),
    Level.CLARIFY: ("?", "yellow"),
}
STATUS_MARK = {
    True: ("✓", "green", "met"),
    False: ("✗", "red", "not_met"),
    None: ("?", "yellow", "unknown_status"),
}

_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    """Remove terminal escape sequences and control characters (newlines and tabs stay)."""
    return _CONTROL.sub("", text).replace("\t", " ")


def format_phone(phone: str) -> str:
    """Format a Norwegian number as people write it: 469 60 239, 38 05 55 55."""
    digits = phone.replace(" ", "")
    prefix = ""
    if digits.startswith("+47"):
        prefix, digits = "+47 ", digits[3:]
    if not re.fullmatch(r"\d{8}", digits):
        return phone
    if digits[0] in "49":
        return f"{prefix}{digits[:3]} {digits[3:5]} {digits[5:]}"
    return prefix + " ".join(digits[i : i + 2] for i in range(0, 8, 2))


def format_hours(hours: Hours, lang: str) -> str:
    """Return opening hours as Norwegians write them: hverdager 08.00–15.30."""
    span = f"{hours.opens:%H.%M}–{hours.closes:%H.%M}"
    if hours.weekdays == (0, 1, 2, 3, 4):
        return f"{t('weekdays', lang)} {span}"
    names = {
        "nb": ("man", "tir", "ons", "tor", "fre", "lør", "søn"),
        "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    }
    days = names.get(lang, names["nb"])
    return ", ".join(days[d] for d in hours.weekdays) + f" {span}"


def format_answer(question: Question, value: AnswerValue | None, lang: str) -> str:
    """Return an answer as the caseworker reads it."""
    if value is None:
        return t("not_asked", lang)
    if value is UNKNOWN:
        return t("unknown", lang)
    if question.kind is QuestionKind.YES_NO:
        return t("yes" if value else "no", lang)
    if question.kind is QuestionKind.CHOICE and isinstance(value, str):
        choice = question.choice(value)
        return choice.text.get(lang) if choice else value
    return str(value)


def _text(value: Text | None, lang: str) -> str:
    return "" if value is None else inert(value.get(lang))


def outcome_texts(decision: Decision, lang: str) -> tuple[str, str]:
    """Return the outcome's title and summary (the built-in ones for clarify)."""
    if decision.outcome is not None:
        return _text(decision.outcome.title, lang), _text(decision.outcome.summary, lang)
    q = decision.questionnaire
    summary = _text(q.clarify_summary, lang) if q.clarify_summary else t("clarify_summary", lang)
    return t("clarify_title", lang), summary


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def contacts_of(decision: Decision, directory: Directory) -> list[Contact]:
    """Return the decision's contacts found in the directory, in the outcome's order."""
    return [directory.contacts[c] for c in decision.contacts if c in directory.contacts]


# --------------------------------------------------------------------------- JSON


def to_json(decision: Decision, directory: Directory, lang: str = "nb") -> dict[str, Any]:
    """Return the versioned JSON document (``triage-result/1``) for a decision."""
    q = decision.questionnaire
    title, summary = outcome_texts(decision, lang)
    answers: dict[str, Any] = {
        key: ("unknown" if value is UNKNOWN else value) for key, value in decision.answers.items()
    }
    return {
        "format": JSON_FORMAT,
        "lang": lang,
        "questionnaire": {"id": q.id, "title": _text(q.title, lang), "version": q.version},
        "outcome": {
            "id": decision.outcome_id,
            "level": decision.level.value,
            "title": title,
            "summary": summary,
        },
        "criteria": [
            {
                "id": r.criterion.id,
                "text": _text(r.criterion.text, lang),
                "status": STATUS_MARK[r.status][2].replace("_status", ""),
            }
            for r in decision.criteria
        ],
        "answers": answers,
        "dropped": list(decision.dropped),
        "clarify": list(decision.clarify),
        "notes": [
            {"text": _text(n.note.text, lang), "certain": n.status is True}
            for n in decision.notes
            if n.status is not False
        ],
        "contacts": [_contact_json(c, lang) for c in contacts_of(decision, directory)],
        "legal_basis": [
            {"law": _text(b.law, lang), "section": b.section, "text": _text(b.text, lang) or None}
            for b in (decision.outcome.legal_basis if decision.outcome else ())
        ],
        "sources": [
            {
                "id": s.id,
                "title": _text(s.title, lang),
                "publisher": s.publisher,
                "published": _date(s.published),
                "changed": _date(s.changed),
                "url": s.url,
            }
            for s in (directory.sources[p] for p in q.pages if p in directory.sources)
        ],
        "disclaimer": t("disclaimer", lang),
    }


def _contact_json(contact: Contact, lang: str) -> dict[str, Any]:
    return {
        "id": contact.id,
        "name": contact.name,
        "role": _text(contact.role, lang),
        "organisation": contact.organisation,
        "phone": contact.phone,
        "email": contact.email,
        "url": contact.url,
        "hours": format_hours(contact.hours, lang) if contact.hours else None,
        "source": contact.source,
        "checked": contact.checked.isoformat(),
        "historical": contact.historical,
    }


# --------------------------------------------------------------------------- Rich


def render_rich(decision: Decision, directory: Directory, lang: str = "nb") -> RenderableType:
    """Return the report as a Rich renderable."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text as RichText

    q = decision.questionnaire
    symbol, colour = LEVEL_STYLE[decision.level]
    title, summary = outcome_texts(decision, lang)
    word = t(f"level_{decision.level.value}", lang)
    head = RichText()
    head.append(f"{symbol} {word}", style=f"bold {colour}")
    head.append(f"  {title}\n", style="bold")
    head.append(summary)
    subtitle = f"{inert(q.title.get(lang))} · {t('version', lang, version=inert(q.version))}"
    parts: list[RenderableType] = [
        Panel(
            head,
            title=t("outcome", lang),
            subtitle=subtitle,
            border_style=colour,
            title_align="left",
            subtitle_align="left",
        )
    ]

    notes = [n for n in decision.notes if n.status is not False]
    if notes:
        body = RichText()
        for n in notes:
            body.append("• ")
            if n.status is None:
                body.append(f"({t('maybe', lang)}) ", style="italic")
            body.append(_text(n.note.text, lang) + "\n")
        parts.append(_section(t("notes", lang), _stripped(body)))

    if decision.criteria:
        table = Table(show_header=False, box=None, padding=(0, 1), expand=False)
        table.add_column(width=1, no_wrap=True)
        table.add_column(ratio=3)
        table.add_column(ratio=2)
        group = None
        for result in decision.criteria:
            current = _text(result.criterion.group, lang)
            if current and current != group:
                table.add_row("", RichText(current, style="bold underline"), "")
                group = current
            mark, style, _ = STATUS_MARK[result.status]
            table.add_row(
                RichText(mark, style=f"bold {style}"),
                RichText(_text(result.criterion.text, lang)),
                RichText(_decided_by(decision, result.criterion.when, lang), style="dim"),
            )
        parts.append(_section(t("why", lang), table))

    if decision.clarify:
        body = RichText()
        for number, qid in enumerate(decision.clarify, start=1):
            question = q.question(qid)
            body.append(f"{number}. {_text(question.text, lang)}")
            body.append(f"  [{qid}]\n", style="dim")
        parts.append(_section(t("to_clarify", lang), _stripped(body)))

    contacts = contacts_of(decision, directory)
    if contacts:
        parts.append(_section(t("contacts", lang), _contact_table(contacts, lang)))

    legal = decision.outcome.legal_basis if decision.outcome else ()
    if legal:
        body = RichText()
        for basis in legal:
            body.append(f"{_text(basis.law, lang)} {inert(basis.section)}")
            if basis.text:
                body.append(f" – {_text(basis.text, lang)}")
            body.append("\n")
        parts.append(_section(t("legal_basis", lang), _stripped(body)))

    sources = RichText()
    for page in q.pages:
        source = directory.sources.get(page)
        if source is not None:
            sources.append(_source_line(source, lang) + "\n")
    if sources.plain:
        parts.append(_section(t("sources", lang), _stripped(sources)))
    parts.append(RichText(t("disclaimer", lang), style="bold"))
    return Group(*parts)


def _stripped(text: Any) -> Any:
    text.rstrip()
    return text


def _section(title: str, body: RenderableType) -> RenderableType:
    from rich.console import Group
    from rich.text import Text as RichText

    return Group(RichText(""), RichText(title, style="bold underline"), body)


def _decided_by(decision: Decision, condition: Any, lang: str) -> str:
    from triage.conditions import names

    q = decision.questionnaire
    parts = []
    for name in names(condition):
        try:
            question = q.question(name)
        except KeyError:
            continue
        parts.append(format_answer(question, decision.answers.get(name), lang))
    return inert(", ".join(parts))


def _source_line(source: Any, lang: str) -> str:
    dates = []
    if source.published:
        dates.append(t("published", lang, date=source.published.isoformat()))
    if source.changed:
        dates.append(t("changed", lang, date=source.changed.isoformat()))
    if not dates:
        dates.append(t("undated", lang))
    line = f"{_text(source.title, lang)} ({', '.join(dates)})"
    if source.url:
        line += f" {inert(source.url)}"
    return line


def _contact_table(contacts: list[Contact], lang: str) -> RenderableType:
    from rich.table import Table
    from rich.text import Text as RichText

    table = Table(show_lines=False, expand=False, pad_edge=False)
    table.add_column(t("name", lang), ratio=3, overflow="fold")
    table.add_column(t("phone", lang), no_wrap=True)
    table.add_column(t("email", lang), ratio=3, overflow="fold")
    for contact in contacts:
        who = RichText(inert(contact.name), style="bold")
        who.append(f"\n{_text(contact.role, lang)}, {inert(contact.organisation)}")
        if contact.hours:
            who.append(f"\n{format_hours(contact.hours, lang)}")
        if contact.historical:
            who.append(f"\n({t('historical', lang)})", style="italic")
        who.append("\n" + t("checked", lang, date=contact.checked.isoformat()), style="dim")
        phone = format_phone(contact.phone) if contact.phone else t("no_phone", lang)
        reach = inert(contact.email or contact.url or "")
        table.add_row(who, RichText(phone), RichText(reach))
    return table


# --------------------------------------------------------------------------- hand-over


def render_handover(step: Step, lang: str = "nb") -> RenderableType:
    """Return the notice shown when an outcome continues with another questionnaire."""
    from rich.panel import Panel
    from rich.text import Text as RichText

    assert step.target is not None
    title, summary = outcome_texts(step.decision, lang)
    body = RichText()
    body.append(t("handover", lang, title=_text(step.target.title, lang)), style="bold blue")
    body.append(f"\n\n{title}\n", style="bold")
    body.append(summary)
    if step.carried:
        body.append(f"\n\n{t('carried', lang)}:", style="bold")
        for qid, value in step.carried.items():
            question = step.target.question(qid)
            body.append(f"\n• {_text(question.text, lang)} ")
            body.append(format_answer(question, value, lang), style="bold")
    return Panel(
        body, title="→ " + t("next_questionnaire", lang), title_align="left", border_style="blue"
    )
