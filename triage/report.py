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

from triage.engine import Branch, Decision, LegalResult
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

    from triage.conditions import Tri
    from triage.routing import Step

JSON_FORMAT = "triage-result/1"
CONTACTS_FORMAT = "triage-contacts/1"

LEVEL_STYLE = {
    Level.POSITIVE: ("✓", "green"),
    Level.NEGATIVE: ("✗", "red"),
    Level.REPORT: ("!", "magenta"),
    Level.INFORMATION: ("→", "blue"),
    Level.CLARIFY: ("?", "yellow"),
}
STATUS_MARK = {
    True: ("✓", "green", "met"),
    False: ("✗", "red", "not_met"),
    None: ("?", "yellow", "unknown_status"),
}

_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


#: Unicode format characters (category Cf): bidi controls, zero-width characters, BOM, tags.
_FORMAT = re.compile(
    "[\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def inert(text: str) -> str:
    """Remove terminal escape sequences and control characters (newlines and tabs stay).

    Unicode format characters (bidi overrides, zero-width characters) are shown as
    ``<U+202E>``, so text cannot read differently from what it is; soft hyphens go, and
    line or paragraph separators become spaces.
    """
    text = _CONTROL.sub("", text).replace("\t", " ").replace("\u00ad", "")
    text = text.replace("\u2028", " ").replace("\u2029", " ")
    return _FORMAT.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


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


def _mark(decision: Decision, outcome_id: str) -> str:
    """Return the letter a possible outcome goes by in the report (A, B, …)."""
    index = decision.possible.index(outcome_id)
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def _either(items: list[str], lang: str) -> str:
    """Return «A, B eller C»."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + t("possible_or", lang) + items[-1]


def possible_lines(decision: Decision, directory: Directory, lang: str) -> list[str]:
    """Return what is still possible while the result must be clarified (empty otherwise).

    First, when every possible outcome shares its level or a contact, what holds whatever
    the answers («Uansett svar: kontakt Rusteamet»); then the possible outcomes, lettered
    so that :func:`leads_to_line` can refer to them («Mulige utfall: A) … · B) …»).
    """
    if decision.outcome is not None or not decision.possible:
        return []
    anyway = any_answer_line(decision, directory, lang)
    lines = [anyway] if anyway else []
    if len(decision.possible) > 1:
        key = "possible_outcomes" if decision.possible_exact else "possible_outcomes_rough"
        outcomes = [decision.questionnaire.outcome(outcome_id) for outcome_id in decision.possible]
        titles = " · ".join(f"{_mark(decision, o.id)}) {_text(o.title, lang)}" for o in outcomes)
        lines.append(t(key, lang, outcomes=titles))
    return lines


def any_answer_line(decision: Decision, directory: Directory, lang: str) -> str | None:
    """Return what holds whatever the open questions' answers («Uansett svar: …»), if anything."""
    if decision.outcome is not None or not decision.possible:
        return None
    q = decision.questionnaire
    outcomes = [q.outcome(outcome_id) for outcome_id in decision.possible]
    shared: list[str] = []
    if len(outcomes) == 1:
        shared.append(_text(outcomes[0].title, lang))
    elif len({o.level for o in outcomes}) == 1 and outcomes[0].level is not Level.INFORMATION:
        shared.append(t(f"level_{outcomes[0].level.value}", lang).lower())
    common = [
        directory.contacts[c]
        for c in outcomes[0].contacts
        if c in directory.contacts and all(c in o.contacts for o in outcomes)
    ]
    if common:
        names = ", ".join(inert(c.name) for c in common)
        shared.append(t("possible_contact", lang, names=names))
    return t("possible_any_answer", lang, what="; ".join(shared)) if shared else None


def _branch_answer(question: Question, branch: Branch, lang: str) -> str:
    if branch.answer is not None:
        return format_answer(question, branch.answer, lang)
    if branch.low is not None and branch.high is not None:
        return str(branch.low) if branch.low == branch.high else f"{branch.low}–{branch.high}"
    if branch.low is not None:
        return f"≥ {branch.low}"
    if branch.high is not None:
        return f"≤ {branch.high}"
    return t("possible_any_number", lang)


def leads_to_line(decision: Decision, question_id: str, lang: str) -> str | None:
    """Return where each answer to an open question leads («Ja → A · Nei → B eller C»).

    The letters are those of :func:`possible_lines`. None when no answer to the question
    alone narrows down the possible outcomes.
    """
    found = [o for o in decision.leads_to if o.question == question_id]
    if not found or len(decision.possible) < 2:
        return None
    question = decision.questionnaire.question(question_id)
    parts = []
    for branch in found[0].branches:
        if not branch.possible:
            where = t("possible_none", lang)
        elif branch.possible == decision.possible:
            where = t("possible_still_open", lang)
        else:
            where = _either([_mark(decision, o) for o in branch.possible], lang)
        parts.append(f"{_branch_answer(question, branch, lang)} → {where}")
    if all(b.possible == decision.possible for b in found[0].branches):
        return None
    return " · ".join(parts)


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


def legal_line(basis: LegalBasis, lang: str, status: Tri = True) -> str:
    """Return a legal basis as one line: 'helse- og omsorgstjenesteloven § 10-3 – …'.

    A basis whose condition is unknown (``status`` None) is marked «kan bli aktuelt».
    """
    line = f"{_text(basis.law, lang)} {inert(basis.section)}"
    if basis.text:
        line += f" – {_text(basis.text, lang)}"
    if status is None:
        line += f" ({t('legal_maybe', lang)})"
    return line


def shown_legal(decision: Decision) -> tuple[LegalResult, ...]:
    """Return the outcome's legal bases whose condition is not definitely false."""
    return tuple(b for b in decision.legal if b.status is not False)


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
        "possible_outcomes": list(decision.possible),
        "possible_exact": decision.possible_exact,
        "clarify_answers": [
            {
                "question": open_question.question,
                "answers": [
                    {
                        "answer": _answer_json(b.answer),
                        "min": b.low,
                        "max": b.high,
                        "outcome": b.outcome,
                        "possible": list(b.possible),
                    }
                    for b in open_question.branches
                ],
            }
            for open_question in decision.leads_to
        ],
        "notes": [
            {"text": _text(n.note.text, lang), "certain": n.status is True}
            for n in decision.notes
            if n.status is not False
        ],
        "contacts": [contact_json(c, lang, now) for c in contacts_of(decision, directory)],
        "legal_basis": [
            {
                "law": _text(b.basis.law, lang),
                "section": inert(b.basis.section),
                "text": _text(b.basis.text, lang) or None,
                "certain": b.status is True,
            }
            for b in shown_legal(decision)
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
    """Return the contacts whose name, role (any language), organisation or phone number
    contain ``search``; a number matches however it is spaced («46960239», «469 60»)."""
    if not search:
        return list(directory.contacts.values())
    needle = search.casefold().strip()
    digits = re.sub(r"[\s.+-]", "", needle)
    return [
        c
        for c in directory.contacts.values()
        if any(
            needle in text.casefold()
            for text in (c.name, c.organisation, *(value for _, value in c.role.values))
        )
        or (digits.isdigit() and c.phone is not None and digits in c.phone.replace(" ", ""))
    ]


# --------------------------------------------------------------------------- Rich


def render_rich(
    decision: Decision,
    directory: Directory,
    lang: str = "nb",
    *,
    now: dt.datetime | None = None,
    why: bool = False,
    cards: bool = False,
) -> RenderableType:
    """Return the report as a Rich renderable; ``why`` adds the source sentences.

    The verdict comes first, with what to clarify and whom to call right under it (the first
    screen, where a pager starts), then the reasons; a closing block at the end repeats the
    verdict, the questions and the one call, so they are also on the last screen.
    Contacts are one line each; ``cards`` shows the full card of each instead.
    """
    from rich.console import Group

    # What to do comes right under the verdict, so the first screen (where a pager starts) has
    # it; the reasons follow, and the closing block repeats it on the last screen.
    parts: list[RenderableType] = [_outcome_panel(decision, lang, why)]
    contacts = contacts_of(decision, directory)
    urgent = [c for c in contacts if c.emergency]
    people = [c for c in contacts if not is_website(c) and not c.emergency]
    if decision.clarify:
        clarify = _clarify(decision, directory, people, lang, now)
        parts.append(_section(t("to_clarify", lang), clarify))
    if people:
        shown = _cards(people, lang, now) if cards else _contact_lines(people, lang, now)
        parts.append(_section(t("contacts", lang), shown))
    if urgent:
        shown = _cards(urgent, lang, now) if cards else _contact_lines(urgent, lang, now)
        parts.append(_section(t("urgent", lang), shown))
    websites = [c for c in contacts if is_website(c)]
    if websites:
        shown = _cards(websites, lang, now) if cards else _contact_lines(websites, lang, now)
        parts.append(_section(t("websites", lang), shown))
    notes = [n for n in decision.notes if n.status is not False]
    if notes:
        items = []
        for n in notes:
            maybe = f"({t('maybe', lang)}) " if n.status is None else ""
            items.append(_rich_text(maybe + _text(n.note.text, lang)))
        parts.append(_section(t("notes", lang), _list("•", items)))
    if decision.criteria:
        parts.append(_section(t("why", lang), _criteria_table(decision, lang, why)))
    legal = shown_legal(decision)
    if legal:
        lines = [_rich_text(legal_line(b.basis, lang, b.status)) for b in legal]
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
    anyway = any_answer_line(decision, directory, lang)
    parts.append(_closing(decision, people, urgent, lang, now, anyway))
    return Group(*parts)


#: At most this many questions are repeated in the closing block; the list above has them all.
CLOSING_QUESTIONS = 3


def next_call(contacts: Iterable[Contact]) -> Contact | None:
    """Return the contact to call first: the first live one with a phone, else the first.

    National emergency numbers are never it: they are listed apart, for acute danger.
    """
    listed = [c for c in contacts if not c.historical and not c.emergency]
    return next((c for c in listed if c.phone), listed[0] if listed else None)


def call_line(contact: Contact, now: dt.datetime | None, lang: str) -> str:
    """Return whom to call as one line: 'Per Willy Ormestad 469 60 239 (stengt nå, …)'."""
    if contact.phone:
        line = f"{inert(contact.name)} {format_phone(contact.phone)}"
    else:
        line = f"{inert(contact.name)} – {t('phone', lang).lower()} {t('no_phone', lang)}"
    status = contact_opening(contact, now)
    if status is not None and now is not None:
        line += f" ({format_opening(status, now, lang)})"
    elif contact.hours:
        line += f" ({format_hours(contact.hours, lang)})"
    return line


class _OneLine:
    """Text kept to one line: cut at the last whole word that fits, then «…»."""

    def __init__(self, text: str) -> None:
        self.text = " ".join(text.split())

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.cells import cell_len
        from rich.measure import Measurement

        return Measurement(1, cell_len(self.text))

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.cells import cell_len, set_cell_size
        from rich.text import Text as RichText

        width = options.max_width
        if cell_len(self.text) <= width:
            yield RichText(self.text)
            return
        cut = set_cell_size(self.text, max(width - 2, 0))
        whole = self.text[len(cut) : len(cut) + 1] == " "
        words = cut.rsplit(" ", 1)
        # Back to a whole word («… eller …»), unless that would leave too little of the line.
        if whole:
            cut = cut.rstrip(" ,;:") + " "
        elif len(words) == 2 and cell_len(words[0]) > width // 2:
            cut = words[0].rstrip(" ,;:") + " "
        yield RichText(cut + "…", no_wrap=True, overflow="crop")


def _closing(
    decision: Decision,
    people: list[Contact],
    urgent: list[Contact],
    lang: str,
    now: dt.datetime | None,
    anyway: str | None = None,
) -> RenderableType:
    """Return the closing block: the verdict, «Uansett svar», what to clarify, whom to call."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table
    from rich.text import Text as RichText

    symbol, word, title = outcome_heading(decision, lang)
    _, colour = LEVEL_STYLE[decision.level]
    verdict = _glued(f"{symbol} {word}", style=f"bold {colour}")
    if title:
        verdict.append(f" – {title}", style="bold")
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    q = decision.questionnaire
    for number, qid in enumerate(decision.clarify[:CLOSING_QUESTIONS], start=1):
        label = t("closing_clarify", lang) if number == 1 else ""
        question = q.question(qid)
        table.add_row(label, _OneLine(f"{number}. {_text(question.text, lang)}"))
    rest = len(decision.clarify) - CLOSING_QUESTIONS
    if rest > 0:
        table.add_row("", RichText(t("closing_more", lang, count=rest), style="dim"))
    contact = next_call(people)
    if contact is not None:
        label = t("closing_call" if contact.phone else "closing_contact", lang)
        table.add_row(label, _glued(call_line(contact, now, lang)))
    if urgent:
        numbers = " · ".join(f"{inert(c.name)}" for c in urgent)
        table.add_row(t("closing_urgent", lang), _glued(numbers))
    return Group(
        _rich_text(""),
        Rule(t("closing_title", lang), align="left", style="dim"),
        verdict,
        *([_rich_text(anyway, "bold")] if anyway else []),
        table,
        _rich_text(t("disclaimer", lang), "bold"),
    )


#: «§ 10-2» and «§§ 10-2 og 10-3» stay on one line: the space after § is a no-break space.
_SECTION_SPACE = re.compile(r"(§+) (?=\S)")
_NBSP = "\u00a0"
#: Stands in for a no-break space while Rich wraps: Rich breaks lines at any Unicode space.
_GLUE = "\ue000"


#: A number stays with the word before it: «(punkt 1)», «kapittel 10», «469 60 239»; a «·»
#: separator ends a line rather than starting the next.
_DIGIT_SPACE = re.compile(r"(?<=\S) (?=\d|·)")


def keep_together(text: str) -> str:
    """Return text whose «§ 10-2», «(punkt 1)» and «469 60 239» are not split across lines."""
    return _DIGIT_SPACE.sub(_NBSP, _SECTION_SPACE.sub(rf"\1{_NBSP}", text))


def _text_class() -> type[Any]:
    """Return (made once) a Rich Text that never breaks a line at a no-break space."""
    global _TEXT_CLASS
    if _TEXT_CLASS is None:
        from rich.text import Text as RichText

        class GluedText(RichText):
            def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
                super().__init__(keep_together(text), *args, **kwargs)

            def wrap(self, console: Any, width: int, **kwargs: Any) -> Any:
                if _NBSP not in self.plain:
                    return super().wrap(console, width, **kwargs)
                masked = self.copy()
                masked.plain = self.plain.replace(_NBSP, _GLUE)
                lines = RichText.wrap(masked, console, width, **kwargs)
                for line in lines:  # same length, so the styles stay in place
                    line.plain = line.plain.replace(_GLUE, " ")
                return lines

        _TEXT_CLASS = GluedText
    return _TEXT_CLASS


_TEXT_CLASS: type[Any] | None = None


def _glued(text: str = "", **kwargs: Any) -> Any:
    return _text_class()(text, **kwargs)


def _rich_text(text: str, style: str = "") -> Any:
    return _glued(text, style=style)


def _outcome_panel(decision: Decision, lang: str, why: bool) -> RenderableType:
    from rich.panel import Panel

    q = decision.questionnaire
    symbol, word, title = outcome_heading(decision, lang)
    _, colour = LEVEL_STYLE[decision.level]
    _, summary = outcome_texts(decision, lang)
    body = _glued()
    body.append(f"{symbol} {word}", style=f"bold {colour}")
    if title:
        body.append(f"\n{keep_together(title)}", style="bold")
    body.append(f"\n\n{keep_together(summary)}")
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
    from rich.cells import cell_len
    from rich.console import Group
    from rich.constrain import Constrain
    from rich.table import Table

    # One answer per line, so two answers never read as one («Ja, Vet ikke»).
    answered = [
        "\n".join(
            shown_answer(question, decision, lang)
            for question, _ in decided_by(decision, result.criterion.when)
        )
        for result in decision.criteria
    ]
    # A group's heading starts where its criteria's marks start, so one table per group,
    # each full width with one answer width, so that the columns of all of them line up.
    answer_width = min(
        24, max((cell_len(line) for text in answered for line in text.split("\n")), default=1)
    )
    parts: list[RenderableType] = []
    table: Table | None = None

    def new_table() -> Table:
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_column(width=0)  # a wider gap before the answers
        grid.add_column(width=max(answer_width, 1))
        parts.append(grid)
        return grid

    group = None
    following = [r.criterion.quote for r in decision.criteria[1:]] + [None]
    rows = zip(decision.criteria, following, answered, strict=True)
    for result, next_quote, answers in rows:
        current = _text(result.criterion.group, lang)
        if current and current != group:
            parts.append(_rich_text(current, "bold"))
            table = None
            group = current
        if table is None:
            table = new_table()
        mark, style, _ = STATUS_MARK[result.status]
        table.add_row(
            _glued(mark, style=f"bold {style}"),
            _glued(_text(result.criterion.text, lang)),
            "",
            _glued(answers, style="dim"),
        )
        quote = quote_text(decision, result.criterion.quote)
        # Criteria in a row often rest on one sentence: quote it once, after the last of them.
        if why and quote and result.criterion.quote != next_quote:
            table.add_row("", _glued(f"«{quote}»", style="italic dim"), "", "")
    # No wider than the longest criterion needs, so that its answer is not far off to the right
    # (with --why the quotes are prose and take the width they get).
    legend = t("legend", lang)
    texts = [legend] + [_text(r.criterion.text, lang) for r in decision.criteria]
    texts += [_text(r.criterion.group, lang) for r in decision.criteria]
    longest = max(cell_len(text) for text in texts)
    width = None if why else longest + answer_width + 5
    return Constrain(Group(*parts, _glued(legend, style="dim")), width=width)


def _clarify(
    decision: Decision,
    directory: Directory,
    contacts: list[Contact],
    lang: str,
    now: dt.datetime | None,
) -> RenderableType:
    """Return the questions to clarify, the outcomes still possible, and whom to ask meanwhile."""
    from rich.console import Group
    from rich.table import Table

    q = decision.questionnaire
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, justify="right")
    table.add_column(ratio=1)
    for number, qid in enumerate(decision.clarify, start=1):
        question = q.question(qid)
        line = _glued(_text(question.text, lang))
        line.append(f" ({shown_answer(question, decision, lang)})", style="dim")
        table.add_row(f"{number}.", line)
        leads = leads_to_line(decision, qid, lang)
        if leads:
            table.add_row("", _glued(leads, style="dim"))
    # What holds whatever the answers, and the lettered outcomes the answer lines point to.
    possible = possible_lines(decision, directory, lang)
    parts: list[RenderableType] = [_glued(line) for line in possible]
    parts.append(table)
    if contacts:
        parts.append(_glued(meanwhile(contacts, now, lang)))
    return Group(*parts)


def contact_line(contact: Contact, lang: str, now: dt.datetime | None) -> list[tuple[str, str]]:
    """Return one contact as one line of (text, style) pieces: name, role · phone · e-mail.

    A historical contact's number is marked as such, never shown like a live one.
    """
    role = _text(contact.role, lang)
    who = [role]
    # The organisation only when neither the name nor the role already says it.
    organisation = inert(contact.organisation)
    if not any(organisation.casefold() in text.casefold() for text in (contact.name, role)):
        who.append(organisation)
    pieces = [(inert(contact.name), "bold"), (", " + ", ".join(w for w in who if w), "")]
    if contact.historical:
        shown = format_phone(contact.phone) if contact.phone else t("no_phone", lang)
        pieces.append((f" · {shown} ({t('historical_number', lang)})", "dim"))
    elif contact.phone:
        pieces.append((" · ", ""))
        pieces.append((format_phone(contact.phone), "bold"))
    elif not is_website(contact):
        pieces.append((f" · {t('phone', lang).lower()} {t('no_phone', lang)}", "italic"))
    if contact.email:
        pieces.append((f" · {inert(contact.email)}", ""))
    if contact.url:
        pieces.append((f" · {inert(contact.url)}", ""))
    if contact.hours:
        status = contact_opening(contact, now)
        hours = format_hours(contact.hours, lang)
        if status is not None and now is not None:
            colour = "green" if status.is_open else "yellow"
            pieces.append((f" · {hours}, ", ""))
            pieces.append((format_opening(status, now, lang), colour))
        else:
            pieces.append((f" · {hours}", ""))
    if now is not None and stale(contact.checked, now):
        checked = f"{t('checked_label', lang)} {checked_text(contact, now, lang)}"
        pieces.append((f" · {checked}", "yellow"))
    return pieces


def _contact_lines(contacts: Iterable[Contact], lang: str, now: dt.datetime | None) -> Table:
    """Return contacts one line each (wrapped with a hanging indent when narrow)."""
    items = []
    for contact in contacts:
        line = _glued()
        for text, style in contact_line(contact, lang, now):
            line.append(text, style=style)
        line.plain = keep_together(line.plain)  # same length: the styles stay in place
        items.append(line)
    return _list("•", items)


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
    if contact.historical and contact.phone:
        shown = f"{format_phone(contact.phone)} ({t('historical_number', lang)})"
        row("phone", shown, "dim")
    elif not is_website(contact):
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
    contacts: Iterable[Contact],
    directory: Directory,
    lang: str,
    now: dt.datetime | None,
    *,
    cards: bool = False,
) -> RenderableType:
    """Return a contact listing (``triage contacts``): one line each, or cards with sources."""
    return _cards(contacts, lang, now, directory) if cards else _contact_lines(contacts, lang, now)


# --------------------------------------------------------------------------- hand-over


def render_handover(step: Step, lang: str = "nb", *, boxed: bool = True) -> RenderableType:
    """Return the notice shown when an outcome continues with another questionnaire.

    Without ``boxed`` (``--plain``, for screen readers) it is lines of text with no frame.
    """
    from rich.panel import Panel
    from rich.text import Text as RichText

    assert step.target is not None
    title, summary = outcome_texts(step.decision, lang)
    body = RichText()
    if not boxed:
        body.append(f"→ {t('next_questionnaire', lang)}\n")
    target_title = _text(step.target.title, lang)
    body.append(t("handover", lang, title=target_title), style="bold blue")
    # The outcome's title often is the next questionnaire's: say it once.
    body.append("\n\n" if title == target_title else f"\n\n{title}\n", style="bold")
    body.append(summary)
    if step.went_on_without:
        body.append(f"\n\n{t('went_on_without', lang)}:", style="bold")
        for qid in step.went_on_without:
            question = step.decision.questionnaire.question(qid)
            body.append(f"\n• {_text(question.text, lang)} ")
            body.append(format_answer(question, step.decision.answers.get(qid), lang), style="bold")
        for note in step.decision.notes:
            if note.status is not False:
                body.append(f"\n• {_text(note.note.text, lang)}")
    if step.carried:
        body.append(f"\n\n{t('carried', lang)}:", style="bold")
        for qid, value in step.carried.items():
            question = step.target.question(qid)
            body.append(f"\n• {_text(question.text, lang)} ")
            body.append(format_answer(question, value, lang), style="bold")
    if not boxed:
        return body
    return Panel(
        body, title="→ " + t("next_questionnaire", lang), title_align="left", border_style="blue"
    )
