"""Explain a questionnaire without asking anything: for trainers and handouts.

``describe`` turns a condition into plain words (bokmål or English) using the question and
criterion texts. ``render_tree`` returns a Rich tree for the terminal and
``render_markdown`` a handout; both show the questions in asking order with when they are
asked, the criteria, every outcome with its condition, notes, legal basis, contacts and
hand-over, and the quoted source sentences and the notes on where the sources are vague.
Renderers return; only the CLI prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triage.core.kinds import KINDS
from triage.core.model import (
    CLARIFY_ID,
    Contact,
    Directory,
    Level,
    Outcome,
    Question,
    Questionnaire,
    Quote,
)
from triage.render.describe import describe, if_prefix, quoted
from triage.render.i18n import t
from triage.render.words import (
    LEVEL_STYLE,
    clarify_summary,
    contacts_by_id,
    format_date,
    format_hours,
    inert,
    legal_line,
    outcome_line,
    phone_text,
    range_text,
    source_line,
    text_of,
)
from triage.render.words import (
    escape_markdown as md,
)

if TYPE_CHECKING:
    from rich.console import RenderableType


# --------------------------------------------------------------------------- shared pieces


def answer_kinds(question: Question, lang: str) -> str:
    """Return the possible answers to a question, «Vet ikke» always last."""
    entry = KINDS[question.kind]
    if entry.widget == "yes_no":
        options = [t("yes", lang), t("no", lang)]
    elif entry.widget == "choice":
        options = [inert(c.text.get(lang)) for c in question.choices]
    else:
        span = range_text(question, lang).strip()
        explain = entry.typed.explain if entry.typed is not None else "explain_number"
        options = [t(explain, lang, range=f" {span}" if span else "")]
    options.append(t("unknown", lang))
    return " · ".join(options)


def contact_line(contact: Contact, lang: str) -> str:
    """Return a contact on one line: name, role, phone (or that the source gives none), …"""
    parts = [
        f"{inert(contact.name)} – {inert(contact.role.get(lang))}, {inert(contact.organisation)}"
    ]
    parts.append(f"{t('phone', lang).lower()}: {phone_text(contact, lang)}")
    if contact.email:
        parts.append(inert(contact.email))
    if contact.url:
        parts.append(inert(contact.url))
    if contact.hours:
        parts.append(format_hours(contact.hours, lang))
    if contact.historical:
        parts.append(t("historical", lang))
    parts.append(t("checked", lang, date=format_date(contact.checked, lang)))
    return " · ".join(parts)


def quote_line(quote: Quote, directory: Directory, lang: str) -> str:
    """Return a quoted source sentence with the page it comes from."""
    source = directory.sources.get(quote.page)
    page = inert(source.title.get(lang)) if source else quote.page
    return f"{quoted(inert(quote.text), lang)} ({page})"


def _source_line(page: str, directory: Directory, lang: str) -> str:
    source = directory.sources.get(page)
    return page if source is None else source_line(source, lang)


# --------------------------------------------------------------------------- Rich tree


def render_tree(
    questionnaire: Questionnaire, directory: Directory, lang: str = "nb"
) -> RenderableType:
    """Return the whole questionnaire as a Rich tree."""
    from rich.console import Group
    from rich.text import Text as RichText
    from rich.tree import Tree

    q = questionnaire
    head = RichText(text_of(q.title, lang), style="bold")
    head.append(f"  [{q.id}] · {t('version', lang, version=inert(q.version))}", style="dim")
    root = Tree(head)
    root.add(RichText(text_of(q.description, lang)))

    def plain(text: str, style: str = "") -> RichText:
        return RichText(text, style=style)

    def labelled(key: str, text: str) -> RichText:
        line = RichText(f"{t(key, lang)}: ", style="bold")
        line.append(text)
        return line

    questions = root.add(plain(t("explain_questions", lang), "bold underline"))
    for number, question in enumerate(q.questions, start=1):
        line = plain(f"{number}. {text_of(question.text, lang)}", "bold")
        line.append(f"  [{question.id}]", style="dim")
        node = questions.add(line)
        node.add(labelled("explain_answers", answer_kinds(question, lang)))
        if question.when is not None:
            node.add(labelled("explain_asked_when", describe(question.when, q, lang)))
        if question.help is not None:
            node.add(labelled("explain_help", text_of(question.help, lang)))
        quote = q.quote(question.quote)
        if quote is not None:
            node.add(labelled("sources", quote_line(quote, directory, lang)))

    if q.criteria:
        criteria = root.add(plain(t("explain_criteria", lang), "bold underline"))
        for criterion in q.criteria:
            line = plain(text_of(criterion.text, lang), "bold")
            line.append(f"  [{criterion.id}]", style="dim")
            node = criteria.add(line)
            node.add(labelled("explain_met_when", describe(criterion.when, q, lang)))
            quote = q.quote(criterion.quote)
            if quote is not None:
                node.add(labelled("sources", quote_line(quote, directory, lang)))

    outcomes = root.add(plain(t("explain_outcomes", lang), "bold underline"))
    outcomes.add(plain(t("explain_rule", lang), "italic"))
    for number, outcome in enumerate(q.outcomes, start=1):
        _, colour = LEVEL_STYLE[outcome.level]
        line = plain(f"{number}. {outcome_line(outcome, lang)}", f"bold {colour}")
        line.append(f"  [{outcome.id}]", style="dim")
        node = outcomes.add(line)
        node.add(labelled("explain_when", describe(outcome.when, q, lang)))
        node.add(plain(text_of(outcome.summary, lang)))
        for note in outcome.notes:
            node.add(labelled("notes", if_prefix(note.when, q, lang) + text_of(note.text, lang)))
        for basis in outcome.legal_basis:
            text = if_prefix(basis.when, q, lang) + legal_line(basis, lang)
            node.add(labelled("legal_basis", text))
        if outcome.continue_with:
            node.add(labelled("explain_continue", outcome.continue_with))
        contacts = node.add(plain(t("contacts", lang), "bold"))
        for contact in contacts_by_id(outcome.contacts, directory):
            contacts.add(plain(contact_line(contact, lang)))
        quote = q.quote(outcome.quote)
        if quote is not None:
            node.add(labelled("sources", quote_line(quote, directory, lang)))
    _, colour = LEVEL_STYLE[Level.CLARIFY]
    line = plain(outcome_line(None, lang), f"bold {colour}")
    line.append(f"  [{CLARIFY_ID}]", style="dim")
    node = outcomes.add(line)
    node.add(labelled("explain_when", t("explain_clarify_when", lang)))
    node.add(plain(clarify_summary(q, lang)))
    contacts = node.add(plain(t("contacts", lang), "bold"))
    for contact in contacts_by_id(q.clarify_contacts, directory):
        contacts.add(plain(contact_line(contact, lang)))

    sources = root.add(plain(t("sources", lang), "bold underline"))
    for page in q.pages:
        node = sources.add(plain(_source_line(page, directory, lang)))
        source = directory.sources.get(page)
        if source is not None and source.note is not None:
            node.add(plain(text_of(source.note, lang), "dim"))
    if q.quotes:
        quotes = root.add(plain(t("explain_quotes", lang), "bold underline"))
        for quote in q.quotes:
            quotes.add(plain(quote_line(quote, directory, lang)))
    if q.vague:
        vague = root.add(plain(t("explain_vague", lang), "bold underline"))
        for remark in q.vague:
            vague.add(plain(text_of(remark, lang)))
    return Group(root, RichText(""), RichText(t("disclaimer", lang), style="bold"))


# --------------------------------------------------------------------------- Markdown


def render_markdown(questionnaire: Questionnaire, directory: Directory, lang: str = "nb") -> str:
    """Return the whole questionnaire as a Markdown handout, with its flowchart."""
    from triage.render.flowchart import render_mermaid

    q = questionnaire
    out: list[str] = [f"# {md(q.title.get(lang))}", ""]
    out += [f"`{q.id}` · {md(t('version', lang, version=q.version))}", ""]
    out += [md(q.description.get(lang)), ""]

    out += [f"## {t('explain_questions', lang)}", ""]
    for number, question in enumerate(q.questions, start=1):
        out.append(f"{number}. **{md(question.text.get(lang))}** `{question.id}`")
        out.append(f"   - {t('explain_answers', lang)}: {md(answer_kinds(question, lang))}")
        if question.when is not None:
            out.append(
                f"   - {t('explain_asked_when', lang)}: {md(describe(question.when, q, lang))}"
            )
        if question.help is not None:
            out.append(f"   - {t('explain_help', lang)}: {md(question.help.get(lang))}")
        quote = q.quote(question.quote)
        if quote is not None:
            out.append(f"   - {t('sources', lang)}: {md(quote_line(quote, directory, lang))}")
    out.append("")

    if q.criteria:
        out += [f"## {t('explain_criteria', lang)}", ""]
        for criterion in q.criteria:
            out.append(
                f"- **{md(criterion.text.get(lang))}** `{criterion.id}` – "
                f"{t('explain_met_when', lang).lower()}: {md(describe(criterion.when, q, lang))}"
            )
        out.append("")

    out += [f"## {t('explain_outcomes', lang)}", "", f"*{t('explain_rule', lang)}*", ""]
    for number, outcome in enumerate(q.outcomes, start=1):
        out += _md_outcome(q, outcome, number, directory, lang)
    out += [f"### {md(outcome_line(None, lang))} (`{CLARIFY_ID}`)", ""]
    out += [
        f"**{t('explain_when', lang)}:** {md(t('explain_clarify_when', lang))}",
        "",
    ]
    out += [md(clarify_summary(q, lang)), ""]
    out += _md_contacts(q.clarify_contacts, directory, lang)

    out += [f"## {t('sources', lang)}", ""]
    for page in q.pages:
        out.append(f"- {md(_source_line(page, directory, lang))}")
        source = directory.sources.get(page)
        if source is not None and source.note is not None:
            out.append(f"  - {md(source.note.get(lang))}")
    out.append("")
    if q.quotes:
        out += [f"## {t('explain_quotes', lang)}", ""]
        out += [f"- {md(quote_line(quote, directory, lang))}" for quote in q.quotes]
        out.append("")
    if q.vague:
        out += [f"## {t('explain_vague', lang)}", ""]
        out += [f"- {md(text.get(lang))}" for text in q.vague]
        out.append("")
    out += [
        f"## {t('explain_flowchart', lang)}",
        "",
        "```mermaid",
        render_mermaid(q, lang),
        "```",
        "",
    ]
    out += [f"**{t('disclaimer', lang)}**", ""]
    return "\n".join(out)


def _md_outcome(
    q: Questionnaire, outcome: Outcome, number: int, directory: Directory, lang: str
) -> list[str]:
    out = [f"### {number}. {md(outcome_line(outcome, lang))} (`{outcome.id}`)", ""]
    out += [
        f"**{t('explain_when', lang)}:** {md(describe(outcome.when, q, lang))}",
        "",
    ]
    out += [md(outcome.summary.get(lang)), ""]
    if outcome.notes:
        out.append(f"**{t('notes', lang)}:**")
        out.append("")
        for note in outcome.notes:
            prefix = if_prefix(note.when, q, lang)
            out.append(f"- {md(prefix + note.text.get(lang))}")
        out.append("")
    for basis in outcome.legal_basis:
        prefix = if_prefix(basis.when, q, lang)
        out += [
            f"**{t('legal_basis', lang)}:** {md(prefix + legal_line(basis, lang))}",
            "",
        ]
    if outcome.continue_with:
        out += [f"**{t('explain_continue', lang)}:** `{outcome.continue_with}`", ""]
    out += _md_contacts(outcome.contacts, directory, lang)
    quote = q.quote(outcome.quote)
    if quote is not None:
        out += [f"> {md(quote_line(quote, directory, lang))}", ""]
    return out


def _md_contacts(ids: tuple[str, ...], directory: Directory, lang: str) -> list[str]:
    contacts = contacts_by_id(ids, directory)
    if not contacts:
        return []
    out = [f"**{t('contacts', lang)}:**", ""]
    out += [f"- {md(contact_line(contact, lang))}" for contact in contacts]
    out.append("")
    return out
