"""Render a decision as Rich renderables: the report, contact cards and the hand-over.

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

from triage.core.engine import Decision
from triage.core.hours import stale
from triage.core.model import Contact, Directory, Source
from triage.render.i18n import t
from triage.render.words import (
    LEVEL_STYLE,
    STATUS_MARK,
    any_answer_line,
    checked_text,
    contact_groups,
    contact_opening,
    decided_by,
    format_answer,
    format_hours,
    format_opening,
    format_phone,
    inert,
    is_website,
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
    text_of,
)

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from triage.core.routing import Step


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
    groups = contact_groups(decision, directory)
    people, urgent, websites = groups.people, groups.urgent, groups.websites
    if decision.clarify:
        clarify = _clarify(decision, directory, people, lang, now)
        parts.append(_section(t("to_clarify", lang), clarify))
    if people:
        shown = _cards(people, lang, now) if cards else _contact_lines(people, lang, now)
        parts.append(_section(t("contacts", lang), shown))
    if urgent:
        shown = _cards(urgent, lang, now) if cards else _contact_lines(urgent, lang, now)
        parts.append(_section(t("urgent", lang), shown))
    if websites:
        shown = _cards(websites, lang, now) if cards else _contact_lines(websites, lang, now)
        parts.append(_section(t("websites", lang), shown))
    notes = note_lines(decision, lang)
    if notes:
        parts.append(_section(t("notes", lang), _list("•", [_rich_text(n) for n in notes])))
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
            lines += [_rich_text(text_of(s.note, lang), "italic") for s in sources if s.note]
        parts.append(_section(t("sources", lang), _list("•", lines)))
    if why and decision.questionnaire.vague:
        vague = [_rich_text(text_of(v, lang)) for v in decision.questionnaire.vague]
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
        table.add_row(label, _OneLine(f"{number}. {text_of(question.text, lang)}"))
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
    body.append(f"\n\n{t('questionnaire', lang)}: {text_of(q.title, lang)} ({q.id}), {version}")
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
        current = text_of(result.criterion.group, lang)
        if current and current != group:
            parts.append(_rich_text(current, "bold"))
            table = None
            group = current
        if table is None:
            table = new_table()
        mark, style, _ = STATUS_MARK[result.status]
        table.add_row(
            _glued(mark, style=f"bold {style}"),
            _glued(text_of(result.criterion.text, lang)),
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
    texts = [legend] + [text_of(r.criterion.text, lang) for r in decision.criteria]
    texts += [text_of(r.criterion.group, lang) for r in decision.criteria]
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
        line = _glued(text_of(question.text, lang))
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
    role = text_of(contact.role, lang)
    who = [role]
    # The organisation only when neither the name nor the role already says it.
    organisation = inert(contact.organisation)
    if not any(organisation.casefold() in text.casefold() for text in (contact.name, role)):
        who.append(organisation)
    pieces = [(inert(contact.name), "bold"), (", " + ", ".join(w for w in who if w), "")]
    if contact.historical:
        shown = phone_text(contact, lang)
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

    row("role", text_of(contact.role, lang))
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
        row("notes", text_of(contact.note, lang), "italic")
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
    target_title = text_of(step.target.title, lang)
    body.append(t("handover", lang, title=target_title), style="bold blue")
    # The outcome's title often is the next questionnaire's: say it once.
    body.append("\n\n" if title == target_title else f"\n\n{title}\n", style="bold")
    body.append(summary)
    if step.went_on_without:
        body.append(f"\n\n{t('went_on_without', lang)}:", style="bold")
        for qid in step.went_on_without:
            question = step.decision.questionnaire.question(qid)
            body.append(f"\n• {text_of(question.text, lang)} ")
            body.append(format_answer(question, step.decision.answers.get(qid), lang), style="bold")
        for note in step.decision.notes:
            if note.status is not False:
                body.append(f"\n• {text_of(note.note.text, lang)}")
    if step.carried:
        body.append(f"\n\n{t('carried', lang)}:", style="bold")
        for qid, value in step.carried.items():
            question = step.target.question(qid)
            body.append(f"\n• {text_of(question.text, lang)} ")
            body.append(format_answer(question, value, lang), style="bold")
    if not boxed:
        return body
    return Panel(
        body, title="→ " + t("next_questionnaire", lang), title_align="left", border_style="blue"
    )
