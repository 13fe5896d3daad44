"""A trainer's handout: one self-contained, printable HTML page with the flowchart inline.

The page holds the questionnaire's purpose, its questions in asking order (with when they are
asked, in plain words), the criteria, every outcome with its condition, notes, legal basis
(linked to Lovdata), contacts (with the date they were checked), the source pages, the quoted
source sentences and the notes on where the sources are vague, the flowchart as inline SVG,
and «beslutningsstøtte, ikke vedtak».

Self-contained means: the style is inline, there is no script, and nothing is loaded when the
page is opened (a Content-Security-Policy says so to the browser as well); links to Lovdata and
the source pages are plain ``<a>`` a reader may follow. Every text from a file is made inert
and HTML-escaped, and only ``http(s)`` addresses become links. The print style fits A4 and
keeps boxes whole across pages.
"""

from __future__ import annotations

import dataclasses
import html
import re

from triage.core.model import (
    CLARIFY_ID,
    Directory,
    Level,
    Outcome,
    Questionnaire,
)
from triage.render.describe import describe, if_prefix
from triage.render.explain import answer_kinds, contact_line, quote_line
from triage.render.flowchart import build_graph
from triage.render.i18n import t
from triage.render.svg import to_svg
from triage.render.words import (
    clarify_summary,
    contacts_by_id,
    inert,
    legal_line,
    outcome_line,
    source_line,
    text_of,
)

#: Nothing is fetched when the page is opened: no scripts, fonts, images or styles from afar.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
:root { --ink: #1d1d1d; --muted: #555; --line: #c8c8c8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem; color: var(--ink);
  font: 18px/1.5 "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; }
h1 { font-size: 1.8rem; margin: 0 0 .3rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.1rem; margin: 0 0 .4rem; }
.meta { color: var(--muted); margin: 0 0 .6rem; }
.disclaimer { font-weight: bold; border: 2px solid var(--ink); padding: .4rem .8rem;
  display: inline-block; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .85em;
  color: var(--muted); }
.label { font-weight: bold; }
ol.questions > li, .criteria > li { margin: 0 0 .8rem; }
ol.questions ul, .outcome ul { margin: .2rem 0; padding-left: 1.2rem; }
.outcome { border: 1px solid var(--line); border-left: 8px solid var(--line);
  border-radius: 6px; padding: .7rem 1rem; margin: 0 0 1rem; }
.level-positive { border-left-color: #1e7e34; }
.level-negative { border-left-color: #b02a37; }
.level-report { border-left-color: #8e44ad; }
.level-information { border-left-color: #1a5fb4; }
.level-clarify { border-left-color: #b7791f; }
blockquote { margin: .5rem 0; padding: .2rem .9rem; border-left: 4px solid var(--line);
  color: var(--muted); }
figure.flowchart { margin: 0; overflow-x: auto; }
figure.flowchart svg { max-width: 100%; height: auto; }
.legend-title { font-weight: bold; margin: .8rem 0 .3rem; }
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
  margin: 0; font-size: .9em; }
dl.legend dt { font-weight: bold; }
dl.legend dd { margin: 0; }
p, li, blockquote { overflow-wrap: anywhere; }
a { color: #1a5fb4; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; }
  li, .outcome, blockquote, .disclaimer, dt, dd { break-inside: avoid; }
  figure.flowchart svg { break-inside: avoid; }
  figure.flowchart svg { max-height: 250mm; width: auto; }
  a { color: inherit; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .85em; overflow-wrap: anywhere; }
}
"""

_WEB = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)


def h(text: str) -> str:
    """Return file text safe inside HTML: inert, then escaped (quotes too)."""
    return html.escape(inert(text), quote=True)


def link(url: str | None, text: str | None = None) -> str:
    """Return a plain link to an ``http(s)`` address, or the escaped text when it is not one."""
    shown = h(text if text is not None else url or "")
    if url is None or not _WEB.match(inert(url)):
        return shown
    return f'<a href="{h(url)}">{shown}</a>'


def _labelled(key: str, value_html: str, lang: str) -> str:
    return f'<span class="label">{h(t(key, lang))}:</span> {value_html}'


def render_handout(questionnaire: Questionnaire, directory: Directory, lang: str = "nb") -> str:
    """Return the questionnaire as one self-contained, printable HTML page."""
    q = questionnaire
    title = text_of(q.title, lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{h(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{h(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{h(title)}</h1>",
        f'<p class="meta"><code>{h(q.id)}</code> · {h(t("version", lang, version=q.version))}</p>',
        f'<p class="disclaimer">{h(t("disclaimer", lang))}</p>',
        "</header>",
        '<section id="purpose">',
        f"<h2>{h(t('explain_purpose', lang))}</h2>",
        f"<p>{h(q.description.get(lang))}</p>",
        "</section>",
        '<section id="flowchart">',
        f"<h2>{h(t('explain_flowchart', lang))}</h2>",
        '<figure class="flowchart">',
        *_chart(q, lang),
        "</figure>",
        "</section>",
    ]
    out += _questions(q, directory, lang)
    out += _criteria(q, lang)
    out += _outcomes(q, directory, lang)
    out += _sources(q, directory, lang)
    out += [
        "<footer>",
        f'<p class="disclaimer">{h(t("disclaimer", lang))}</p>',
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def explain_document(
    form: str, questionnaire: Questionnaire, directory: Directory, lang: str = "nb"
) -> str:
    """Return the questionnaire explained as a document: markdown, mermaid, dot, html or svg."""
    from triage.render.explain import render_markdown
    from triage.render.flowchart import render_dot, render_mermaid
    from triage.render.svg import render_svg

    if form == "html":
        return render_handout(questionnaire, directory, lang)
    if form == "svg":
        return render_svg(questionnaire, lang)
    if form == "mermaid":
        return render_mermaid(questionnaire, lang) + "\n"
    if form == "dot":
        return render_dot(questionnaire, lang) + "\n"
    return render_markdown(questionnaire, directory, lang) + "\n"


def _chart(q: Questionnaire, lang: str) -> list[str]:
    """Return the flowchart, and its legend as HTML text that prints at a readable size."""
    graph = build_graph(q, lang)
    out = [to_svg(graph, text_of(q.title, lang), lang, legend=False).rstrip("\n")]
    out += [
        "<figcaption>",
        f'<p class="legend-title">{h(t("chart_legend", lang))}</p>',
        '<dl class="legend">',
    ]
    for key, text in graph.legend:
        out.append(f"<dt>{h(key)}</dt><dd>{h(text)}</dd>")
    return [*out, "</dl>", "</figcaption>"]


def _questions(q: Questionnaire, directory: Directory, lang: str) -> list[str]:
    out = [
        '<section id="questions">',
        f"<h2>{h(t('explain_questions', lang))}</h2>",
        '<ol class="questions">',
    ]
    for number, question in enumerate(q.questions, start=1):
        short = t("question_short", lang, number=number)
        out.append(
            f'<li id="question-{h(question.id)}"><strong>{h(question.text.get(lang))}</strong> '
            f"<code>{h(short)} · {h(question.id)}</code>"
        )
        out.append("<ul>")
        out.append(
            f"<li>{_labelled('explain_answers', h(answer_kinds(question, lang)), lang)}</li>"
        )
        if question.when is not None:
            when = h(describe(question.when, q, lang))
            out.append(f"<li>{_labelled('explain_asked_when', when, lang)}</li>")
        if question.help is not None:
            out.append(f"<li>{_labelled('explain_help', h(question.help.get(lang)), lang)}</li>")
        quote = q.quote(question.quote)
        if quote is not None:
            out.append(
                f"<li>{_labelled('sources', h(quote_line(quote, directory, lang)), lang)}</li>"
            )
        out += ["</ul>", "</li>"]
    return [*out, "</ol>", "</section>"]


def _criteria(q: Questionnaire, lang: str) -> list[str]:
    if not q.criteria:
        return []
    out = [
        '<section id="criteria">',
        f"<h2>{h(t('explain_criteria', lang))}</h2>",
        '<ul class="criteria">',
    ]
    for number, criterion in enumerate(q.criteria, start=1):
        short = t("criterion_short", lang, number=number)
        when = h(describe(criterion.when, q, lang))
        out.append(
            f'<li id="criterion-{h(criterion.id)}"><strong>{h(criterion.text.get(lang))}</strong> '
            f"<code>{h(short)} · {h(criterion.id)}</code><br>"
            f"{_labelled('explain_met_when', when, lang)}</li>"
        )
    return [*out, "</ul>", "</section>"]


def _outcomes(q: Questionnaire, directory: Directory, lang: str) -> list[str]:
    out = [
        '<section id="outcomes">',
        f"<h2>{h(t('explain_outcomes', lang))}</h2>",
        f"<p><em>{h(t('explain_rule', lang))}</em></p>",
    ]
    for number, outcome in enumerate(q.outcomes, start=1):
        out += _outcome(q, outcome, number, directory, lang)
    out.append(f'<article class="outcome level-{Level.CLARIFY.value}" id="outcome-{CLARIFY_ID}">')
    out.append(f"<h3>{h(outcome_line(None, lang))} <code>{CLARIFY_ID}</code></h3>")
    when = h(t("explain_clarify_when", lang))
    out.append(f"<p>{_labelled('explain_when', when, lang)}</p>")
    out.append(f"<p>{h(clarify_summary(q, lang))}</p>")
    out += _contacts(q.clarify_contacts, directory, lang)
    return [*out, "</article>", "</section>"]


def _outcome(
    q: Questionnaire, outcome: Outcome, number: int, directory: Directory, lang: str
) -> list[str]:
    out = [
        f'<article class="outcome level-{outcome.level.value}" id="outcome-{h(outcome.id)}">',
        f"<h3>{number}. {h(outcome_line(outcome, lang))} <code>{h(outcome.id)}</code></h3>",
        f"<p>{_labelled('explain_when', h(describe(outcome.when, q, lang)), lang)}</p>",
        f"<p>{h(outcome.summary.get(lang))}</p>",
    ]
    if outcome.notes:
        out += [f'<p class="label">{h(t("notes", lang))}:</p>', "<ul>"]
        for note in outcome.notes:
            prefix = if_prefix(note.when, q, lang)
            out.append(f"<li>{h(prefix + note.text.get(lang))}</li>")
        out.append("</ul>")
    for basis in outcome.legal_basis:
        prefix = if_prefix(basis.when, q, lang)
        text = h(prefix + legal_line(dataclasses.replace(basis, url=None), lang))
        if basis.url:
            lovdata = basis.url.lower().startswith("https://lovdata.no/")
            text += f" {link(basis.url, t('lovdata', lang) if lovdata else None)}"
        out.append(f'<p class="legal">{_labelled("legal_basis", text, lang)}</p>')
    if outcome.continue_with:
        shown = f"<code>{h(outcome.continue_with)}</code>"
        out.append(f"<p>{_labelled('explain_continue', shown, lang)}</p>")
    out += _contacts(outcome.contacts, directory, lang)
    quote = q.quote(outcome.quote)
    if quote is not None:
        out.append(f"<blockquote>{h(quote_line(quote, directory, lang))}</blockquote>")
    out.append("</article>")
    return out


def _contacts(ids: tuple[str, ...], directory: Directory, lang: str) -> list[str]:
    contacts = contacts_by_id(ids, directory)
    if not contacts:
        return []
    out = [f'<p class="label">{h(t("contacts", lang))}:</p>', '<ul class="contacts">']
    out += [f'<li data-contact="{h(c.id)}">{h(contact_line(c, lang))}</li>' for c in contacts]
    return [*out, "</ul>"]


def _sources(q: Questionnaire, directory: Directory, lang: str) -> list[str]:
    out = ['<section id="sources">', f"<h2>{h(t('sources', lang))}</h2>", "<ul>"]
    for page in q.pages:
        source = directory.sources.get(page)
        if source is None:
            out.append(f"<li>{h(page)}</li>")
            continue
        line = h(source_line(dataclasses.replace(source, url=None), lang))
        if source.url:
            line += f" {link(source.url)}"
        if source.note is not None:
            line += f"<br><small>{h(source.note.get(lang))}</small>"
        out.append(f"<li>{line}</li>")
    out += ["</ul>", "</section>"]
    if q.quotes:
        out += ['<section id="quotes">', f"<h2>{h(t('explain_quotes', lang))}</h2>"]
        out += [
            f"<blockquote>{h(quote_line(quote, directory, lang))}</blockquote>"
            for quote in q.quotes
        ]
        out.append("</section>")
    if q.vague:
        out += ['<section id="vague">', f"<h2>{h(t('explain_vague', lang))}</h2>", "<ul>"]
        out += [f"<li>{h(remark.get(lang))}</li>" for remark in q.vague]
        out += ["</ul>", "</section>"]
    return out
