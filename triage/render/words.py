"""The presentation vocabulary shared by every renderer and both askers: inert text (one
line or not), Markdown escaping, phones, dates, hours, answers and condition literals, outcome
headings and texts, notes, legal and source lines, contact helpers. Each is written once,
here. No Rich.

Sanitising has two names for two jobs: :func:`inert` (and :func:`inert_line`) drops what a
terminal would act on from text shown to a reader; ``core.errors.escape_controls`` writes
control characters as visible escapes in an error message, so an author sees what the file
holds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from triage.core.hours import State, local, opening, stale
from triage.core.kinds import KINDS
from triage.core.model import (
    AnswerValue,
    Contact,
    Directory,
    Hours,
    LegalBasis,
    Level,
    Outcome,
    Question,
    Questionnaire,
    Source,
    Text,
    Unknown,
)
from triage.render.i18n import t

if TYPE_CHECKING:
    from triage.core.conditions import Tri
    from triage.core.engine import Branch, Decision, LegalResult
    from triage.core.hours import Opening


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


_SPACE = re.compile(r"\s+")


def inert_line(text: str) -> str:
    """Return text :func:`inert` and on one line: each run of whitespace becomes one space."""
    return _SPACE.sub(" ", inert(text))


# Patterns, not compiled ones: re compiles them when Markdown is first written, not at start-up.
_MD_SPECIAL = r"([\\`*_\[\]<>|~$#])"
_MD_ENTITY = r"&(?=#?\w+;)"
_MD_BLOCK_START = r"^([-+=#]|\d+(?=[.)]))"


def escape_markdown(text: str) -> str:
    """Return text that Markdown shows as typed: no emphasis, links, HTML or block syntax."""
    flat = re.sub(_MD_SPECIAL, r"\\\1", inert_line(text))
    flat = re.sub(_MD_ENTITY, r"\\&", flat)
    match = re.match(_MD_BLOCK_START, flat)
    if match is None:
        return flat
    if match.group(1)[0].isdigit():  # "1. x" would start a list: escape the dot
        end = match.end()
        return flat[:end] + "\\" + flat[end:]
    return "\\" + flat


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


@dataclass(frozen=True, slots=True)
class _Words:
    """The reader's language as the kinds see it (core.kinds.Words)."""

    lang: str

    def word(self, key: str) -> str:
        """Return an i18n text."""
        return t(key, self.lang)

    def text(self, value: str) -> str:
        """Return text from a file made inert."""
        return inert(value)

    def date(self, value: dt.date) -> str:
        """Return a date as the reader writes it."""
        return format_date(value, self.lang)


def format_value(question: Question | None, value: bool | int | str, lang: str) -> str:
    """Return a definite answer or a condition's literal as read: «Ja», a choice's text, 17.

    With a question its kind formats the value (core/kinds.py); without, the value's type.
    """
    if question is not None:
        return KINDS[question.kind].format(question, value, _Words(lang))
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    return inert(str(value))


def format_answer(question: Question, value: AnswerValue | None, lang: str) -> str:
    """Return an answer as the caseworker reads it («ikke spurt» for None)."""
    if value is None:
        return t("not_asked", lang)
    if isinstance(value, Unknown):
        return t("unknown", lang)
    return format_value(question, value, lang)


def range_text(question: Question, lang: str) -> str:
    """Return « (0–120)»: a question's bounds as read, or "" unless it has both."""
    low, high = question.minimum, question.maximum
    if low is None or high is None:
        return ""
    return t(
        "range",
        lang,
        low=format_value(question, low, lang),
        high=format_value(question, high, lang),
    )


def text_of(value: Text | None, lang: str) -> str:
    """Return a questionnaire's text in ``lang``, inert ("" for none)."""
    return "" if value is None else inert(value.get(lang))


def clarify_summary(questionnaire: Questionnaire, lang: str) -> str:
    """Return the questionnaire's own summary for «må avklares», or the built-in one."""
    if questionnaire.clarify_summary is not None:
        return text_of(questionnaire.clarify_summary, lang)
    return t("clarify_summary", lang)


def outcome_texts(decision: Decision, lang: str) -> tuple[str, str]:
    """Return the outcome's title and summary (the built-in ones for clarify)."""
    if decision.outcome is not None:
        return text_of(decision.outcome.title, lang), text_of(decision.outcome.summary, lang)
    return t("clarify_title", lang), clarify_summary(decision.questionnaire, lang)


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
        titles = " · ".join(f"{_mark(decision, o.id)}) {text_of(o.title, lang)}" for o in outcomes)
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
        shared.append(text_of(outcomes[0].title, lang))
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
    low, high = (
        None if bound is None else format_answer(question, bound, lang)
        for bound in (branch.low, branch.high)
    )
    if low is not None and high is not None:
        return low if branch.low == branch.high else f"{low}–{high}"
    if low is not None:
        return f"≥ {low}"
    if high is not None:
        return f"≤ {high}"
    typed = KINDS[question.kind].typed
    return t(typed.any if typed is not None else "possible_any_number", lang)


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


def level_mark(level: Level, lang: str) -> tuple[str, str]:
    """Return a level's symbol and its word: ("✗", "IKKE AKTUELT")."""
    symbol, _ = LEVEL_STYLE[level]
    return symbol, t(f"level_{level.value}", lang)


def outcome_heading(decision: Decision, lang: str) -> tuple[str, str, str | None]:
    """Return the level's symbol, its word, and the title when it says more than the word."""
    symbol, word = level_mark(decision.level, lang)
    title, _ = outcome_texts(decision, lang)
    return symbol, word, None if title.casefold() == word.casefold() else title


def outcome_line(outcome: Outcome | None, lang: str) -> str:
    """Return «✗ IKKE AKTUELT – title» for a questionnaire's outcome, or the clarify heading."""
    symbol, word = level_mark(Level.CLARIFY if outcome is None else outcome.level, lang)
    title = t("clarify_title", lang) if outcome is None else text_of(outcome.title, lang)
    # «? MÅ AVKLARES», not «? MÅ AVKLARES – Må avklares»: the title only when it says more.
    return (
        f"{symbol} {word}" if title.casefold() == word.casefold() else f"{symbol} {word} – {title}"
    )


def override_mark(questionnaire: Questionnaire, lang: str) -> str:
    """Return the line saying a questionnaire from an added folder replaces a shipped one."""
    return t("override_mark", lang, path=inert(questionnaire.path), id=questionnaire.id)


def iso_date(value: dt.date | None) -> str | None:
    """Return a date as JSON holds it (2026-11-23), None for none."""
    return None if value is None else value.isoformat()


def contacts_by_id(ids: Iterable[str], directory: Directory) -> list[Contact]:
    """Return the contacts with these ids found in the directory, in the given order."""
    return [directory.contacts[c] for c in ids if c in directory.contacts]


def contacts_of(decision: Decision, directory: Directory) -> list[Contact]:
    """Return the decision's contacts found in the directory, in the outcome's order."""
    return contacts_by_id(decision.contacts, directory)


@dataclass(frozen=True, slots=True)
class ContactGroups:
    """A decision's contacts as every renderer lists them: people to reach, national
    emergency numbers (listed apart, never the next call), and web resources."""

    people: list[Contact]
    urgent: list[Contact]
    websites: list[Contact]


def contact_groups(decision: Decision, directory: Directory) -> ContactGroups:
    """Return the decision's contacts split into people, emergency numbers and websites."""
    contacts = contacts_of(decision, directory)
    return ContactGroups(
        people=[c for c in contacts if not is_website(c) and not c.emergency],
        urgent=[c for c in contacts if c.emergency],
        websites=[c for c in contacts if is_website(c)],
    )


def is_website(contact: Contact) -> bool:
    """True for a web resource: an address to visit and no one to phone or write to."""
    return bool(contact.url) and not (contact.phone or contact.email or contact.hours)


def decided_by(decision: Decision, condition: Any) -> list[tuple[Question, AnswerValue | None]]:
    """Return the questions a condition names, with their answers (None: not answered)."""
    from triage.core.conditions import names

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

    A basis whose condition is unknown (``status`` None) is marked «kan bli aktuelt»; the
    date it holds from («gjelder fra») and its link (Lovdata's address) follow.
    """
    line = f"{text_of(basis.law, lang)} {inert(basis.section)}"
    if basis.text:
        line += f" – {text_of(basis.text, lang)}"
    if basis.valid_from:
        line += f" ({t('valid_from', lang, date=format_date(basis.valid_from, lang))})"
    if status is None:
        line += f" ({t('legal_maybe', lang)})"
    if basis.url:
        line += f" {inert(basis.url)}"
    return line


def note_lines(decision: Decision, lang: str) -> list[str]:
    """Return the outcome's notes that may apply; one whose condition is unknown says so."""
    return [
        (f"({t('maybe', lang)}) " if n.status is None else "") + text_of(n.note.text, lang)
        for n in decision.notes
        if n.status is not False
    ]


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
    line = f"{text_of(source.title, lang)} ({', '.join(dates)})"
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


def shown_answer(question: Question, decision: Decision, lang: str) -> str:
    """Return a question's answer as read; 'ikke besvart' if open, 'ikke spurt' if skipped."""
    value = decision.answers.get(question.id)
    if value is None and question.id in decision.asked:
        return t("not_answered", lang)
    if question.id in decision.pending:
        return t("pending", lang, answer=format_answer(question, value, lang))
    return format_answer(question, value, lang)


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
