"""Render a decision: a Rich renderable for the terminal and a versioned JSON document.

Renderers return; only the CLI prints. Every string from YAML or from an answer goes into
Rich as a ``Text`` (never parsed as markup) after control characters are made inert.
Anything that depends on the time (open now, a contact checked long ago) comes from the
``now`` the caller passes; without it those parts are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from triage.engine import Decision
from triage.hours import Opening, State, local, opening, stale
from triage.i18n import t
from triage.model import (
    UNKNOWN,
    AnswerValue,
    Contact,
    Directory,
    Hours,
    LegalBasis,
    Level,
    Question,
    QuestionKind,
    Questionnaire,
    Source,
    Text,
)

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from triage.routing import Step

JSON_FORMAT = "triage-result/1"
CONTACTS_FORMAT = "triage-contacts/1"

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


def format_date(value: dt.date, lang: str) -> str:
    """Return a date as the reader writes it: 23.11.2026 in bokmål, 2026-11-23 in English."""
    return f"{value:%d.%m.%Y}" if lang == "nb" else value.isoformat()


def format_time(value: dt.time, lang: str) -> str:
    """Return a time of day: 08.00 in bokmål, 08:00 in English."""
    return f"{value:%H.%M}" if lang == "nb" else f"{value:%H:%M}"


def format_moment(moment: dt.datetime, lang: str) -> str:
    """Return a date and time in Norway's time zone: 23.11.2026 kl. 10.15."""
    here = local(moment)
    time = t("at_time", lang, time=format_time(here.time(), lang))
    return f"{format_date(here.date(), lang)} {time}"


def format_hours(hours: Hours, lang: str) -> str:
    """Return opening hours as Norwegians write them: hverdager 08.00–15.30."""
    span = f"{format_time(hours.opens, lang)}–{format_time(hours.closes, lang)}"
    if hours.weekdays == (0, 1, 2, 3, 4):
        return f"{t('weekdays', lang)} {span}"
    names = {
        "nb": ("man", "tir", "ons", "tor", "fre", "lør", "søn"),
        "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    }
    days = names.get(lang, names["nb"])
    return ", ".join(days[d] for d in hours.weekdays) + f" {span}"


def format_opening(status: Opening, now: dt.datetime, lang: str) -> str:
    """Return 'åpent nå, til 15.30' or 'stengt nå, åpner mandag kl. 08.00'."""
    if status.state is State.OPEN and status.until is not None:
        return t("open_now", lang, time=format_time(status.until.time(), lang))
    text = t("closed_holiday" if status.state is State.HOLIDAY else "closed_now", lang)
    if status.next_open is None:
        return text
    days = (status.next_open.date() - local(now).date()).days
    if days == 0:
        day = t("today", lang)
    elif days == 1:
        day = t("tomorrow", lang)
    else:
        day = t("day_names", lang).split()[status.next_open.weekday()]
        if days > 6:
            day += " " + format_date(status.next_open.date(), lang)
    when = f"{day} {t('at_time', lang, time=format_time(status.next_open.time(), lang))}"
    return f"{text}, {t('opens', lang, when=when)}"


def contact_opening(contact: Contact, now: dt.datetime | None) -> Opening | None:
    """Return whether a contact is open at ``now`` (None: no hours, no clock, or historical)."""
    if contact.hours is None or now is None or contact.historical:
        return None
    return opening(contact.hours, now)


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
        return inert(choice.text.get(lang) if choice else value)
    return inert(str(value))


def _text(value: Text | None, lang: str) -> str:
    return "" if value is None else inert(value.get(lang))


def outcome_texts(decision: Decision, lang: str) -> tuple[str, str]:
    """Return the outcome's title and summary (the built-in ones for clarify)."""
    if decision.outcome is not None:
        return _text(decision.outcome.title, lang), _text(decision.outcome.summary, lang)
    q = decision.questionnaire
    summary = _text(q.clarify_summary, lang) if q.clarify_summary else t("clarify_summary", lang)
    return t("clarify_title", lang), summary


def outcome_heading(decision: Decision, lang: str) -> tuple[str, str, str | None]:
    """Return the level's symbol, its word, and the title when it says more than the word."""
    symbol, _ = LEVEL_STYLE[decision.level]
    word = t(f"level_{decision.level.value}", lang)
    title, _ = outcome_texts(decision, lang)
    return symbol, word, None if title.casefold() == word.casefold() else title


def override_mark(questionnaire: Questionnaire, lang: str) -> str:
    """Return the line saying a questionnaire from an added folder replaces a shipped one."""
    return t("override_mark", lang, path=inert(questionnaire.path), id=questionnaire.id)


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def contacts_of(decision: Decision, directory: Directory) -> list[Contact]:
    """Return the decision's contacts found in the directory, in the outcome's order."""
    return [directory.contacts[c] for c in decision.contacts if c in directory.contacts]


def is_website(contact: Contact) -> bool:
    """True for a web resource: an address to visit and no one to phone or write to."""
    return bool(contact.url) and not (contact.phone or contact.email or contact.hours)


def decided_by(decision: Decision, condition: Any) -> list[tuple[Question, AnswerValue | None]]:
    """Return the questions a condition names, with their answers (None: not answered)."""
    from triage.conditions import names

    found = []
    for name in names(condition):
        try:
            question = decision.questionnaire.question(name)
        except KeyError:
            continue
        found.append((question, decision.answers.get(name)))
    return found


def quote_text(decision: Decision, quote_id: str | None) -> str | None:
    """Return the source sentence a criterion or outcome refers to, if any."""
    quote = decision.questionnaire.quote(quote_id)
    return None if quote is None else inert(quote.text)


def legal_line(basis: LegalBasis, lang: str) -> str:
    """Return a legal basis as one line: 'helse- og omsorgstjenesteloven § 10-3 – …'."""
    line = f"{_text(basis.law, lang)} {inert(basis.section)}"
    if basis.text:
        line += f" – {_text(basis.text, lang)}"
    return line


def source_line(source: Source, lang: str) -> str:
    """Return a source page with its dates: 'Title (udatert, hentet 23.11.2026)'."""
    dates = []
    if source.published:
        dates.append(t("published", lang, date=format_date(source.published, lang)))
    if source.changed and source.changed != source.published:
        dates.append(t("changed", lang, date=format_date(source.changed, lang)))
    if not dates:
        dates.append(t("undated", lang))
    if source.retrieved:
        dates.append(t("retrieved", lang, date=format_date(source.retrieved, lang)))
    line = f"{_text(source.title, lang)} ({', '.join(dates)})"
    if source.url:
        line += f" {inert(source.url)}"
    return line


def sources_of(decision: Decision, directory: Directory) -> list[Source]:
    """Return the questionnaire's source pages found in the directory."""
    pages = decision.questionnaire.pages
    return [directory.sources[p] for p in pages if p in directory.sources]


def checked_text(contact: Contact, now: dt.datetime | None, lang: str) -> str:
    """Return when a contact was checked, marked when more than 12 months before ``now``."""
    text = format_date(contact.checked, lang)
    if now is not None and stale(contact.checked, now):
        text += f" – {t('stale', lang)}"
    return text


def phone_text(contact: Contact, lang: str) -> str:
    """Return the contact's phone number as written, or that the source gives none."""
    return format_phone(contact.phone) if contact.phone else t("no_phone", lang)


def meanwhile(contacts: Iterable[Contact], now: dt.datetime | None, lang: str) -> str:
    """Return the line naming whom to call for guidance while things are clarified."""
    parts = []
    for contact in contacts:
        details = [format_phone(contact.phone)] if contact.phone else []
        status = contact_opening(contact, now)
        if status is not None and now is not None:
            details.append(format_opening(status, now, lang))
        elif contact.hours:
            details.append(format_hours(contact.hours, lang))
        name = inert(contact.name)
        parts.append(f"{name} ({', '.join(details)})" if details else name)
    return t("meanwhile", lang, contacts="; ".join(parts))


# --------------------------------------------------------------------------- JSON


def to_json(
    decision: Decision,
    directory: Directory,
    lang: str = "nb",
    *,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """Return the versioned JSON document (``triage-result/1``, see docs/json.md)."""
    q = decision.questionnaire
    title, summary = outcome_texts(decision, lang)
    return {
        "format": JSON_FORMAT,
        "created": None if now is None else local(now).isoformat(timespec="seconds"),
        "lang": lang,
        "questionnaire": {
            "id": q.id,
            "title": _text(q.title, lang),
            "version": inert(q.version),
            **({"override": {"file": inert(q.path)}} if q.overrides_shipped else {}),
        },
        "outcome": {
            "id": decision.outcome_id,
            "level": decision.level.value,
            "title": title,
            "summary": summary,
            "quote": quote_text(decision, decision.outcome.quote if decision.outcome else None),
        },
        "criteria": [
            {
                "id": r.criterion.id,
                "text": _text(r.criterion.text, lang),
                "group": _text(r.criterion.group, lang) or None,
                "status": STATUS_MARK[r.status][2].replace("_status", ""),
                "answers": {
                    question.id: _answer_json(value)
                    for question, value in decided_by(decision, r.criterion.when)
                },
                "quote": quote_text(decision, r.criterion.quote),
            }
            for r in decision.criteria
        ],
        "questions": [
            {
                "id": question.id,
                "text": _text(question.text, lang),
                "answer": _answer_json(decision.answers.get(question.id)),
                "shown": shown_answer(question, decision, lang),
            }
            for question in (q.question(i) for i in decision.asked)
        ],
        "answers": {key: _answer_json(value) for key, value in decision.answers.items()},
        "dropped": list(decision.dropped),
        "clarify": list(decision.clarify),
        "notes": [
            {"text": _text(n.note.text, lang), "certain": n.status is True}
            for n in decision.notes
            if n.status is not False
        ],
        "contacts": [contact_json(c, lang, now) for c in contacts_of(decision, directory)],
        "legal_basis": [
            {
                "law": _text(b.law, lang),
                "section": inert(b.section),
                "text": _text(b.text, lang) or None,
            }
            for b in (decision.outcome.legal_basis if decision.outcome else ())
        ],
        "sources": [source_json(s, lang) for s in sources_of(decision, directory)],
        "disclaimer": t("disclaimer", lang),
    }


def _maybe(text: str | None) -> str | None:
    return None if text is None else inert(text)


def _answer_json(value: AnswerValue | None) -> bool | int | str | None:
    return "unknown" if value is UNKNOWN else value


def shown_answer(question: Question, decision: Decision, lang: str) -> str:
    """Return a question's answer as read; 'ikke besvart' if open, 'ikke spurt' if skipped."""
    value = decision.answers.get(question.id)
    if value is None and question.id in decision.asked:
        return t("not_answered", lang)
    if question.id in decision.pending:
        return t("pending", lang, answer=format_answer(question, value, lang))
    return format_answer(question, value, lang)


def source_json(source: Source, lang: str) -> dict[str, Any]:
    """Return a source page as JSON."""
    return {
        "id": source.id,
        "title": _text(source.title, lang),
        "publisher": inert(source.publisher),
        "published": _date(source.published),
        "changed": _date(source.changed),
        "retrieved": _date(source.retrieved),
        "url": _maybe(source.url),
    }


def contact_json(contact: Contact, lang: str, now: dt.datetime | None = None) -> dict[str, Any]:
    """Return a contact as JSON, with its opening and staleness when ``now`` is given."""
    status = contact_opening(contact, now)
    return {
        "id": contact.id,
        "name": inert(contact.name),
        "role": _text(contact.role, lang),
        "organisation": inert(contact.organisation),
        "phone": contact.phone,
        "email": _maybe(contact.email),
        "url": _maybe(contact.url),
        "hours": format_hours(contact.hours, lang) if contact.hours else None,
        "open_now": None if status is None else status.is_open,
        "next_open": (
            status.next_open.isoformat(timespec="minutes")
            if status is not None and status.next_open is not None
            else None
        ),
        "note": _text(contact.note, lang) or None,
        "website": is_website(contact),
        "source": contact.source,
        "checked": contact.checked.isoformat(),
        "stale": None if now is None else stale(contact.checked, now),
        "historical": contact.historical,
    }


def contacts_json(
    contacts: Iterable[Contact], directory: Directory, lang: str, now: dt.datetime | None
) -> dict[str, Any]:
    """Return a contact listing as the versioned JSON document ``triage-contacts/1``."""
    listed = list(contacts)
    used = {c.source for c in listed}
    return {
        "format": CONTACTS_FORMAT,
        "created": None if now is None else local(now).isoformat(timespec="seconds"),
        "lang": lang,
        "contacts": [contact_json(c, lang, now) for c in listed],
        "sources": [source_json(s, lang) for s in directory.sources.values() if s.id in used],
    }


def search_contacts(directory: Directory, search: str | None) -> list[Contact]:
    """Return the contacts whose name, role (any language) or organisation contain ``search``."""
    if not search:
        return list(directory.contacts.values())
    needle = search.casefold().strip()
    return [
        c
        for c in directory.contacts.values()
        if any(
            needle in text.casefold()
            for text in (c.name, c.organisation, *(value for _, value in c.role.values))
        )
    ]


# --------------------------------------------------------------------------- Rich


def render_rich(
    decision: Decision,
    directory: Directory,
    lang: str = "nb",
    *,
    now: dt.datetime | None = None,
    why: bool = False,
) -> RenderableType:
    """Return the report as a Rich renderable; ``why`` adds the source sentences."""
    from rich.console import Group

    parts: list[RenderableType] = [_outcome_panel(decision, lang, why)]
    notes = [n for n in decision.notes if n.status is not False]
    if notes:
        items = []
        for n in notes:
            maybe = f"({t('maybe', lang)}) " if n.status is None else ""
            items.append(_rich_text(maybe + _text(n.note.text, lang)))
        parts.append(_section(t("notes", lang), _list("•", items)))
    if decision.criteria:
        parts.append(_section(t("why", lang), _criteria_table(decision, lang, why)))
    contacts = contacts_of(decision, directory)
    people = [c for c in contacts if not is_website(c)]
    if decision.clarify:
        parts.append(_section(t("to_clarify", lang), _clarify(decision, people, lang, now)))
    if people:
        parts.append(_section(t("contacts", lang), _cards(people, lang, now)))
    websites = [c for c in contacts if is_website(c)]
    if websites:
        parts.append(_section(t("websites", lang), _cards(websites, lang, now)))
    legal = decision.outcome.legal_basis if decision.outcome else ()
    if legal:
        lines = [_rich_text(legal_line(basis, lang)) for basis in legal]
        parts.append(_section(t("legal_basis", lang), _list("•", lines)))
    sources = sources_of(decision, directory)
    if sources:
        lines = [_rich_text(source_line(s, lang)) for s in sources]
        if why:
            lines += [_rich_text(_text(s.note, lang), "italic") for s in sources if s.note]
        parts.append(_section(t("sources", lang), _list("•", lines)))
    if why and decision.questionnaire.vague:
        vague = [_rich_text(_text(v, lang)) for v in decision.questionnaire.vague]
        parts.append(_section(t("vague", lang), _list("•", vague)))
    parts.append(_rich_text(""))
    parts.append(_rich_text(t("disclaimer", lang), "bold"))
    return Group(*parts)


def _rich_text(text: str, style: str = "") -> Any:
    from rich.text import Text as RichText

    return RichText(text, style=style)


def _outcome_panel(decision: Decision, lang: str, why: bool) -> RenderableType:
    from rich.panel import Panel
    from rich.text import Text as RichText

    q = decision.questionnaire
    symbol, word, title = outcome_heading(decision, lang)
    _, colour = LEVEL_STYLE[decision.level]
    _, summary = outcome_texts(decision, lang)
    body = RichText()
    body.append(f"{symbol} {word}", style=f"bold {colour}")
    if title:
        body.append(f"\n{title}", style="bold")
    body.append(f"\n\n{summary}")
    quote = quote_text(decision, decision.outcome.quote if decision.outcome else None)
    if why and quote:
        body.append("\n" + t("source_says", lang, quote=quote), style="italic")
    version = t("version", lang, version=inert(q.version))
    body.append(f"\n\n{t('questionnaire', lang)}: {_text(q.title, lang)} ({q.id}), {version}")
    body.stylize("dim", len(body.plain) - len(body.plain.rsplit("\n", 1)[1]))
    if q.overrides_shipped:
        body.append("\n" + override_mark(q, lang), style="bold yellow")
    return Panel(body, title=t("outcome", lang), border_style=colour, title_align="left")


def _section(title: str, body: RenderableType) -> RenderableType:
    from rich.console import Group

    return Group(_rich_text(""), _rich_text(title, "bold underline"), body)


def _list(bullet: str, items: list[Any]) -> Table:
    """Return items as a list with a hanging indent, so wrapped lines stay aligned."""
    from rich.table import Table

    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for item in items:
        table.add_row(bullet, item)
    return table


def _criteria_table(decision: Decision, lang: str, why: bool) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text as RichText

    table = Table.grid(padding=(0, 1))
    table.add_column(width=1, no_wrap=True)
    table.add_column(ratio=3)
    table.add_column(width=0)  # a wider gap before the answers
    table.add_column(ratio=1, max_width=24)
    group = None
    following = [r.criterion.quote for r in decision.criteria[1:]] + [None]
    for result, next_quote in zip(decision.criteria, following, strict=True):
        current = _text(result.criterion.group, lang)
        if current and current != group:
            table.add_row("", RichText(current, style="bold"), "", "")
            group = current
        mark, style, _ = STATUS_MARK[result.status]
        answers = ", ".join(
            shown_answer(question, decision, lang)
            for question, _ in decided_by(decision, result.criterion.when)
        )
        table.add_row(
            RichText(mark, style=f"bold {style}"),
            RichText(_text(result.criterion.text, lang)),
            "",
            RichText(answers, style="dim"),
        )
        quote = quote_text(decision, result.criterion.quote)
        # Criteria in a row often rest on one sentence: quote it once, after the last of them.
        if why and quote and result.criterion.quote != next_quote:
            table.add_row("", RichText(f"«{quote}»", style="italic dim"), "", "")
    return Group(table, RichText(t("legend", lang), style="dim"))


def _clarify(
    decision: Decision, contacts: list[Contact], lang: str, now: dt.datetime | None
) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text as RichText

    q = decision.questionnaire
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, justify="right")
    table.add_column(ratio=1)
    for number, qid in enumerate(decision.clarify, start=1):
        question = q.question(qid)
        line = RichText(_text(question.text, lang))
        line.append(f" ({shown_answer(question, decision, lang)})", style="dim")
        table.add_row(f"{number}.", line)
    if not contacts:
        return table
    return Group(table, RichText(meanwhile(contacts, now, lang)))


def _cards(
    contacts: Iterable[Contact],
    lang: str,
    now: dt.datetime | None,
    directory: Directory | None = None,
) -> RenderableType:
    """Return contacts as cards: the name, then label/value rows that wrap at any width.

    With a ``directory``, each card also names its source page and shows the contact's note.
    """
    from rich.console import Group
    from rich.padding import Padding

    parts: list[RenderableType] = []
    for contact in contacts:
        if parts:
            parts.append(_rich_text(""))
        parts.append(_rich_text(inert(contact.name), "bold"))
        source = directory.sources.get(contact.source) if directory is not None else None
        parts.append(Padding(contact_grid(contact, lang, now, source=source), (0, 0, 0, 2)))
    return Group(*parts)


def contact_grid(
    contact: Contact, lang: str, now: dt.datetime | None, *, source: Source | None = None
) -> Table:
    """Return one contact's details as label/value rows (the name is shown above it)."""
    from rich.table import Table
    from rich.text import Text as RichText

    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="dim")
    table.add_column(ratio=1, overflow="fold")

    def row(key: str, value: str, style: str = "") -> None:
        table.add_row(t(key, lang), RichText(value, style=style))

    row("role", _text(contact.role, lang))
    if contact.organisation != contact.name:
        row("organisation", inert(contact.organisation))
    if not is_website(contact):
        row("phone", phone_text(contact, lang), "bold" if contact.phone else "italic")
    if contact.email:
        row("email", inert(contact.email))
    if contact.url:
        row("website", inert(contact.url))
    if contact.hours:
        hours = RichText(format_hours(contact.hours, lang))
        status = contact_opening(contact, now)
        if status is not None and now is not None:
            colour = "green" if status.is_open else "yellow"
            hours.append("\n" + format_opening(status, now, lang), style=f"bold {colour}")
        table.add_row(t("hours", lang), hours)
    if contact.historical:
        row("notes", t("historical", lang), "italic")
    if contact.note and (source is not None or not (contact.phone or contact.email)):
        row("notes", _text(contact.note, lang), "italic")
    if source is not None:
        row("source_label", source_line(source, lang))
    stale_now = now is not None and stale(contact.checked, now)
    row("checked_label", checked_text(contact, now, lang), "bold yellow" if stale_now else "")
    return table


def render_contacts(
    contacts: Iterable[Contact], directory: Directory, lang: str, now: dt.datetime | None
) -> RenderableType:
    """Return a contact listing (``triage contacts``) as cards with source and checked date."""
    return _cards(contacts, lang, now, directory)


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
