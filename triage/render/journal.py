"""The journal note: the report as Markdown or as plain text, ready to paste.

Both formats come from one list of blocks, so they carry the same content. Every string
from YAML or from an answer is made inert and kept on one line; in Markdown its special
characters are escaped so that it shows as typed and cannot become a link, a heading or
markup. Nothing here depends on the moment beyond the note's date: opening status ("open
now") is left to the screen, because a journal note outlives it.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from triage.core.conditions import Condition
from triage.core.engine import Decision
from triage.core.model import Contact, Directory
from triage.render.i18n import t
from triage.render.words import (
    STATUS_MARK,
    checked_text,
    contact_groups,
    decided_by,
    escape_markdown,
    format_hours,
    format_moment,
    inert,
    inert_line,
    leads_to_line,
    legal_line,
    meanwhile,
    note_lines,
    outcome_heading,
    outcome_texts,
    override_mark,
    phone_text,
    possible_lines,
    quote_text,
    shown_answer,
    shown_legal,
    source_line,
    sources_of,
)


class Kind(enum.Enum):
    """How a block's lines are laid out."""

    FIELDS = "fields"
    PARAGRAPH = "paragraph"
    BULLETS = "bullets"
    NUMBERED = "numbered"


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a line; ``strong`` pieces are bold in Markdown and plain in text."""

    text: str
    strong: bool = False


Line = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """A titled (or untitled) group of lines."""

    title: str | None
    kind: Kind
    lines: tuple[Line, ...]


def _line(*parts: str | Span) -> Line:
    return tuple(p if isinstance(p, Span) else Span(p) for p in parts)


def journal(
    decision: Decision,
    directory: Directory,
    lang: str,
    *,
    now: dt.datetime,
    why: bool = False,
) -> tuple[str, tuple[Block, ...]]:
    """Return the note's heading and blocks, in the order a journal entry reads."""
    q = decision.questionnaire
    # The word alone: a leading «?» or «✗» reads like a typo in a journal note.
    _, word, title = outcome_heading(decision, lang)
    _, summary = outcome_texts(decision, lang)
    version = t("version", lang, version=inert(q.version))
    result = word + (f" – {title}" if title else "")
    blocks = [
        Block(
            None,
            Kind.FIELDS,
            (
                _line(Span(t("date", lang) + ":", True), " " + format_moment(now, lang)),
                _line(
                    Span(t("questionnaire", lang) + ":", True),
                    f" {inert(q.title.get(lang))} ({q.id}), {version}",
                ),
                _line(Span(t("outcome", lang) + ":", True), " " + result),
                *((_line(Span(override_mark(q, lang), True)),) if q.overrides_shipped else ()),
            ),
        ),
        Block(None, Kind.PARAGRAPH, (_line(summary),)),
    ]
    quote = quote_text(decision, decision.outcome.quote if decision.outcome else None)
    if why and quote:
        blocks.append(Block(None, Kind.PARAGRAPH, (_line(t("source_says", lang, quote=quote)),)))
    notes = note_lines(decision, lang)
    if notes:
        blocks.append(Block(t("notes", lang), Kind.BULLETS, tuple(_line(n) for n in notes)))
    if decision.criteria:
        blocks.append(Block(t("why", lang), Kind.BULLETS, _reasons(decision, lang, why)))
    if decision.asked:
        lines = []
        for qid in decision.asked:
            question = q.question(qid)
            lines.append(
                _line(inert(question.text.get(lang)), " – ", shown_answer(question, decision, lang))
            )
        blocks.append(Block(t("answers", lang), Kind.BULLETS, tuple(lines)))
    groups = contact_groups(decision, directory)
    people, urgent, websites = groups.people, groups.urgent, groups.websites
    if decision.clarify:
        possible = tuple(_line(text) for text in possible_lines(decision, directory, lang))
        if possible:
            blocks.append(Block(t("to_clarify", lang), Kind.BULLETS, possible))
        numbered = []
        for qid in decision.clarify:
            leads = leads_to_line(decision, qid, lang)
            text = inert(q.question(qid).text.get(lang))
            numbered.append(_line(text, f" ({leads})") if leads else _line(text))
        title = None if possible else t("to_clarify", lang)
        blocks.append(Block(title, Kind.NUMBERED, tuple(numbered)))
        if people:
            blocks.append(Block(None, Kind.PARAGRAPH, (_line(meanwhile(people, None, lang)),)))
    if people:
        lines = [_contact_line(c, lang, now) for c in people]
        blocks.append(Block(t("contacts", lang), Kind.BULLETS, tuple(lines)))
    if urgent:
        lines = [_contact_line(c, lang, now) for c in urgent]
        blocks.append(Block(t("urgent", lang), Kind.BULLETS, tuple(lines)))
    if websites:
        lines = [_website_line(c, lang) for c in websites]
        blocks.append(Block(t("websites", lang), Kind.BULLETS, tuple(lines)))
    legal = shown_legal(decision)
    if legal:
        lines = [_line(legal_line(b.basis, lang, b.status)) for b in legal]
        blocks.append(Block(t("legal_basis", lang), Kind.BULLETS, tuple(lines)))
    sources = sources_of(decision, directory)
    if sources:
        lines = [_line(source_line(s, lang)) for s in sources]
        blocks.append(Block(t("sources", lang), Kind.BULLETS, tuple(lines)))
    if why and q.vague:
        lines = [_line(inert(v.get(lang))) for v in q.vague]
        blocks.append(Block(t("vague", lang), Kind.BULLETS, tuple(lines)))
    blocks.append(Block(None, Kind.PARAGRAPH, (_line(Span(t("disclaimer", lang), True)),)))
    heading = t("report_heading", lang, title=inert(q.title.get(lang)))
    return heading, tuple(blocks)


def _reasons(decision: Decision, lang: str, why: bool) -> tuple[Line, ...]:
    lines = []
    for result in decision.criteria:
        mark, _, status = STATUS_MARK[result.status]
        answers = _criterion_answers(decision, result.criterion.when, lang)
        parts: list[str | Span] = [
            f"{mark} {inert(result.criterion.text.get(lang))}: {t(status, lang)}"
        ]
        if answers:
            parts.append(f" ({t('answer_was', lang, answer=answers)})")
        quote = quote_text(decision, result.criterion.quote)
        if why and quote:
            parts.append(" – " + t("source_says", lang, quote=quote))
        lines.append(_line(*parts))
    return tuple(lines)


def _criterion_answers(decision: Decision, condition: Condition, lang: str) -> str:
    """Return the answers a criterion rests on: one alone, several each with its question."""
    questions = [question for question, _ in decided_by(decision, condition)]
    if len(questions) == 1:
        return shown_answer(questions[0], decision, lang)
    shown = []
    for question in questions:
        asked = inert_line(question.text.get(lang)).strip()
        glue = " " if asked.endswith(("?", ":")) else ": "
        shown.append(f"{asked}{glue}{shown_answer(question, decision, lang)}")
    return "; ".join(shown)


def _contact_line(contact: Contact, lang: str, now: dt.datetime) -> Line:
    parts: list[str | Span] = [Span(inert(contact.name), True)]
    who = [inert(contact.role.get(lang))]
    if contact.organisation != contact.name:
        who.append(inert(contact.organisation))
    parts.append(" – " + ", ".join(who) + ".")
    details = [f"{t('phone', lang)}: {phone_text(contact, lang)}"]
    if contact.email:
        details.append(f"{t('email', lang)}: {inert(contact.email)}")
    if contact.url:
        details.append(f"{t('website', lang)}: {inert(contact.url)}")
    if contact.hours:
        details.append(f"{t('hours', lang)}: {format_hours(contact.hours, lang)}")
    if contact.historical:
        details.append(t("historical", lang).capitalize())
    if contact.note and not (contact.phone or contact.email):
        details.append(f"{t('notes', lang)}: {inert(contact.note.get(lang))}")
    details.append(f"{t('checked_label', lang)}: {checked_text(contact, now, lang)}")
    parts.append(" " + " ".join(d if d.endswith(".") else d + "." for d in details))
    return _line(*parts)


def _website_line(contact: Contact, lang: str) -> Line:
    return _line(
        Span(inert(contact.name), True),
        f": {inert(contact.url or '')} – {inert(contact.role.get(lang))}",
    )


# --------------------------------------------------------------------------- Markdown


def _markdown_line(line: Line) -> str:
    return "".join(
        f"**{escape_markdown(s.text)}**" if s.strong else escape_markdown(s.text) for s in line
    )


def to_markdown(
    decision: Decision,
    directory: Directory,
    lang: str = "nb",
    *,
    now: dt.datetime,
    why: bool = False,
) -> str:
    """Return the journal note as Markdown."""
    heading, blocks = journal(decision, directory, lang, now=now, why=why)
    out = [f"# {escape_markdown(heading)}"]
    for block in blocks:
        out.append("")
        if block.title:
            out += [f"## {escape_markdown(block.title)}", ""]
        for number, line in enumerate(block.lines, start=1):
            text = _markdown_line(line)
            if block.kind is Kind.PARAGRAPH:
                out.append(text)
            elif block.kind is Kind.NUMBERED:
                out.append(f"{number}. {text}")
            else:
                out.append(f"- {text}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- text


def to_text(
    decision: Decision,
    directory: Directory,
    lang: str = "nb",
    *,
    now: dt.datetime,
    why: bool = False,
) -> str:
    """Return the journal note as plain text: the same content, no markup."""
    heading, blocks = journal(decision, directory, lang, now=now, why=why)
    out = [inert_line(heading)]
    for block in blocks:
        out.append("")
        if block.title:
            out.append(f"{inert_line(block.title)}:")
        for number, line in enumerate(block.lines, start=1):
            text = "".join(inert_line(s.text) for s in line)
            if block.kind is Kind.NUMBERED:
                out.append(f"{number}. {text}")
            elif block.kind is Kind.BULLETS:
                out.append(f"- {text}")
            else:
                out.append(text)
    return "\n".join(out) + "\n"
