"""The JSON documents: triage-result/1 and triage-contacts/1."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from triage.core.engine import Decision
from triage.core.hours import local, stale
from triage.core.model import UNKNOWN, AnswerValue, Contact, Directory, Source
from triage.render.i18n import t
from triage.render.words import (
    STATUS_MARK,
    contact_opening,
    contacts_of,
    decided_by,
    format_hours,
    inert,
    is_website,
    iso_date,
    outcome_texts,
    quote_text,
    shown_answer,
    shown_legal,
    sources_of,
    text_of,
)

JSON_FORMAT = "triage-result/1"
CONTACTS_FORMAT = "triage-contacts/1"


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
            "title": text_of(q.title, lang),
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
                "text": text_of(r.criterion.text, lang),
                "group": text_of(r.criterion.group, lang) or None,
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
                "text": text_of(question.text, lang),
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
            {"text": text_of(n.note.text, lang), "certain": n.status is True}
            for n in decision.notes
            if n.status is not False
        ],
        "contacts": [contact_json(c, lang, now) for c in contacts_of(decision, directory)],
        "legal_basis": [
            {
                "law": text_of(b.basis.law, lang),
                "section": inert(b.basis.section),
                "text": text_of(b.basis.text, lang) or None,
                "url": _maybe(b.basis.url),
                "valid_from": b.basis.valid_from.isoformat() if b.basis.valid_from else None,
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


def source_json(source: Source, lang: str) -> dict[str, Any]:
    """Return a source page as JSON."""
    return {
        "id": source.id,
        "title": text_of(source.title, lang),
        "publisher": inert(source.publisher),
        "published": iso_date(source.published),
        "changed": iso_date(source.changed),
        "retrieved": iso_date(source.retrieved),
        "url": _maybe(source.url),
    }


def contact_json(contact: Contact, lang: str, now: dt.datetime | None = None) -> dict[str, Any]:
    """Return a contact as JSON, with its opening and staleness when ``now`` is given."""
    status = contact_opening(contact, now)
    return {
        "id": contact.id,
        "name": inert(contact.name),
        "role": text_of(contact.role, lang),
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
        "note": text_of(contact.note, lang) or None,
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
