"""YAML files → model: questionnaires, the contact directory, scenario cases, answers.

Every problem names the file, line and column, says what is wrong and, where it helps,
how to fix it. Checks collect all problems they can find before giving up.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from triage import conditions as cond
from triage.errors import AnswersError, Problem, QuestionnaireError, Severity
from triage.model import (
    CLARIFY_ID,
    DEFAULT_LANG,
    RESERVED_IDS,
    UNKNOWN,
    AnswerValue,
    Choice,
    Contact,
    Criterion,
    Directory,
    Hours,
    LegalBasis,
    Level,
    Note,
    Outcome,
    Question,
    QuestionKind,
    Questionnaire,
    Quote,
    Source,
    Text,
)
from triage.yamlfile import MAX_INT, Document, PathKey, hidden_characters, read_yaml, shorten

T = TypeVar("T")

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
#: Bounds on a questionnaire, so that checking and proving it ends (docs/authoring.md).
MAX_QUESTIONS = 2_000
MAX_OUTCOMES = 4_000
CONTACTS_FILE = "contacts.yaml"
CASES_SUFFIX = ".cases.yaml"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

QUESTIONNAIRE_KEYS = {
    "id": True,
    "aliases": False,
    "title": True,
    "description": True,
    "version": True,
    "source": True,
    "questions": True,
    "criteria": False,
    "outcomes": True,
    "clarify": False,
}
SOURCE_KEYS = {"pages": True, "quotes": False, "vague": False}
QUOTE_KEYS = {"id": True, "page": True, "text": True}
QUESTION_KEYS = {
    "id": True,
    "kind": True,
    "text": True,
    "help": False,
    "when": False,
    "min": False,
    "max": False,
    "choices": False,
    "quote": False,
}
CHOICE_KEYS = {"value": True, "text": True}
CRITERION_KEYS = {"id": True, "text": True, "when": True, "group": False, "quote": False}
OUTCOME_KEYS = {
    "id": True,
    "level": True,
    "title": True,
    "summary": True,
    "when": True,
    "contacts": False,
    "legal_basis": False,
    "notes": False,
    "quote": False,
    "continue_with": False,
}
CLARIFY_KEYS = {"contacts": False, "summary": False, "go_on_without": False}
LEGAL_KEYS = {"law": True, "section": True, "text": False, "when": False}
NOTE_KEYS = {"text": True, "when": False}
DIRECTORY_KEYS = {"sources": False, "contacts": False}
SOURCE_PAGE_KEYS = {
    "id": True,
    "title": True,
    "publisher": True,
    "published": False,
    "changed": False,
    "retrieved": False,
    "url": False,
    "note": False,
}
CONTACT_KEYS = {
    "id": True,
    "name": True,
    "role": True,
    "organisation": True,
    "source": True,
    "checked": True,
    "phone": False,
    "email": False,
    "url": False,
    "hours": False,
    "note": False,
    "historical": False,
    "emergency": False,
}
HOURS_KEYS = {"days": True, "from": True, "to": True}
CASES_KEYS = {"questionnaire": True, "cases": True}
CASE_KEYS = {"name": True, "answers": True, "outcome": True, "clarify": False, "contacts": False}


# --------------------------------------------------------------------------- the checker


class _Checker:
    """Walks a located document, collecting problems instead of stopping at the first."""

    def __init__(self, doc: Document, recommended: tuple[str, ...] = ()) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        #: Languages besides bokmål a text should have; a text without one is a warning.
        self.recommended = recommended

    def error(self, path: PathKey, message: str, *, key: bool = False, hint: str = "") -> None:
        self.problems.append(self.doc.problem(path, message, key=key, hint=hint))

    def warn(self, path: PathKey, message: str, *, hint: str = "") -> None:
        line, col = self.doc.at(path)
        self.problems.append(
            Problem(self.doc.file, line, col, message, Severity.WARNING, hint=hint)
        )

    def mapping(
        self, data: object, path: PathKey, keys: Mapping[str, bool], what: str
    ) -> dict[str, object] | None:
        if not isinstance(data, dict):
            self.error(path, f"{what} must be a mapping of keys to values")
            return None
        for key in data:
            if key not in keys:
                close = difflib.get_close_matches(key, list(keys), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "allowed: " + ", ".join(keys)
                self.error((*path, key), f"unknown key '{key}' in {what}", key=True, hint=hint)
        for key, required in keys.items():
            if required and key not in data:
                self.error(path, f"{what} is missing required key '{key}'")
            elif required and data[key] is None:
                self.error((*path, key), f"'{key}' is empty", hint="give it a value")
        return data

    def items(self, data: dict[str, object], key: str, path: PathKey) -> list[object]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error((*path, key), f"'{key}' must be a list")
            return []
        return value

    def string(self, data: dict[str, object], key: str, path: PathKey) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error((*path, key), f"'{key}' must be text")
            return None
        if not str(value).strip():
            self.error((*path, key), f"'{key}' must not be empty")
            return None
        return str(value)

    def ident(self, data: dict[str, object], key: str, path: PathKey) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.error(
                (*path, key),
                f"'{key}' must be an id of lowercase letters, digits and _ (got {value!r})",
                hint="e.g. belongs_to_kristiansand",
            )
            return None
        return value

    def text(self, data: dict[str, object], key: str, path: PathKey) -> Text | None:
        value = data.get(key)
        if value is None:
            return None
        where = (*path, key)
        if isinstance(value, str):
            if not value.strip():
                self.error(where, f"'{key}' must not be empty")
                return None
            self._recommend(key, where, {})
            return Text(((DEFAULT_LANG, value),))
        if not isinstance(value, dict):
            self.error(where, f"'{key}' must be text or a mapping of language to text")
            return None
        pairs: list[tuple[str, str]] = []
        for lang, item in value.items():
            if not re.fullmatch(r"[a-z]{2,3}", lang):
                self.error(
                    (*where, lang),
                    f"'{lang}' is not a language code",
                    key=True,
                    hint="use nb or en",
                )
            elif not isinstance(item, str) or not item.strip():
                self.error((*where, lang), f"'{key}.{lang}' must be non-empty text")
            else:
                pairs.append((lang, item))
        if DEFAULT_LANG not in value:
            self.error(where, f"'{key}' has no bokmål text", hint="add an 'nb:' entry")
            return None
        if len(pairs) != len(value):
            return None
        pairs.sort(key=lambda pair: (pair[0] != DEFAULT_LANG, pair[0]))
        self._recommend(key, where, value)
        return Text(tuple(pairs))

    def _recommend(self, key: str, where: PathKey, value: Mapping[str, object]) -> None:
        for lang in self.recommended:
            if lang not in value:
                self.warn(
                    where,
                    f"'{key}' has no '{lang}' text",
                    hint=f"add an '{lang}:' entry; until then --lang {lang} shows the bokmål",
                )

    def date(self, data: dict[str, object], key: str, path: PathKey) -> dt.date | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.error((*path, key), f"'{key}' must be a date like 2026-11-23")
        return None

    def condition(self, data: object, path: PathKey) -> cond.Condition | None:
        try:
            return cond.parse_condition(data)
        except cond.ConditionError as error:
            line, col = self.doc.at((*path, *error.at))
            if error.col is not None and isinstance(_get(self.doc.data, (*path, *error.at)), str):
                col += error.col - 1
            self.problems.append(Problem(self.doc.file, line, col, error.message))
            return None

    def unique(self, ids: Iterable[tuple[str | None, PathKey]], what: str) -> None:
        seen: dict[str, PathKey] = {}
        for ident, path in ids:
            if ident is None:
                continue
            if ident in seen:
                first = self.doc.at(seen[ident])[0]
                self.error(path, f"duplicate {what} id '{ident}' (first at line {first})")
            else:
                seen[ident] = path


def _get(data: object, path: PathKey) -> object:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _each(
    checker: _Checker,
    data: dict[str, object],
    key: str,
    path: PathKey,
    build: Callable[[object, PathKey], T | None],
) -> list[T]:
    results = []
    for index, item in enumerate(checker.items(data, key, path)):
        built = build(item, (*path, key, index))
        if built is not None:
            results.append(built)
    return results


# --------------------------------------------------------------------------- questionnaires


@dataclass(frozen=True, slots=True)
class Checked:
    """A questionnaire that loaded (or None) and everything found on the way."""

    questionnaire: Questionnaire | None
    problems: tuple[Problem, ...]
    document: Document | None = None


def check_questionnaire(
    path: Path,
    directory: Directory | None = None,
    display: str | None = None,
    *,
    recommended: tuple[str, ...] = (),
    known: Collection[str] | None = None,
) -> Checked:
    """Load a questionnaire file, returning every problem found rather than raising.

    ``recommended`` names languages besides bokmål each text should have; a text without
    one gives a warning. ``known`` holds the questionnaire ids an outcome's
    ``continue_with`` may name; when it is None, only the form of those ids is checked.
    """
    try:
        doc = read_yaml(path, display)
    except QuestionnaireError as error:
        return Checked(None, error.problems)
    return check_document(doc, directory, recommended=recommended, known=known)


def load_questionnaire(
    path: Path,
    directory: Directory | None = None,
    display: str | None = None,
    *,
    known: Collection[str] | None = None,
) -> Questionnaire:
    """Load a questionnaire file; raise QuestionnaireError naming file:line if it is broken."""
    checked = check_questionnaire(path, directory, display, known=known)
    errors = [p for p in checked.problems if p.severity is Severity.ERROR]
    if errors or checked.questionnaire is None:
        raise QuestionnaireError(errors or checked.problems)
    return checked.questionnaire


def check_document(
    doc: Document,
    directory: Directory | None = None,
    *,
    recommended: tuple[str, ...] = (),
    known: Collection[str] | None = None,
) -> Checked:
    """Build a questionnaire from a located document, collecting problems."""
    checker = _Checker(doc, recommended)
    checker.problems.extend(hidden_characters(doc))
    if doc.data is None:
        checker.error((), "file is empty: expected a questionnaire with id, title, questions, …")
        return Checked(None, tuple(checker.problems), doc)
    top = checker.mapping(doc.data, (), QUESTIONNAIRE_KEYS, "the questionnaire")
    if top is None:
        return Checked(None, tuple(checker.problems), doc)
    builder = _QuestionnaireBuilder(checker, top, directory, known)
    questionnaire = builder.build()
    errors = any(p.severity is Severity.ERROR for p in checker.problems)
    problems = tuple(sorted(checker.problems, key=lambda p: (p.line, p.col)))
    return Checked(None if errors else questionnaire, problems, doc)


class _QuestionnaireBuilder:
    def __init__(
        self,
        checker: _Checker,
        top: dict[str, object],
        directory: Directory | None,
        known: Collection[str] | None = None,
    ) -> None:
        self.c = checker
        self.top = top
        self.directory = directory
        self.known = known
        self.quote_ids: set[str] = set()
        self.pages: tuple[str, ...] = ()

    def build(self) -> Questionnaire | None:
        c, top = self.c, self.top
        ident = c.ident(top, "id", ())
        if ident in RESERVED_IDS:
            c.error(("id",), f"id '{ident}' is a built-in command", hint="choose another id")
        aliases = self._aliases(ident)
        title = c.text(top, "title", ())
        description = c.text(top, "description", ())
        version = c.string(top, "version", ())
        pages, quotes, vague = self._source()
        if not self._within_bounds():
            return None
        questions = _each(c, top, "questions", (), self._question)
        if "questions" in top and not questions and not c.problems:
            c.error(("questions",), "a questionnaire needs at least one question")
        c.unique(((q.id, ("questions", i, "id")) for i, q in enumerate(questions)), "question")
        symbols = _declared(top.get("questions"))
        symbols.update(
            {q.id: cond.Symbol(q.kind, tuple(ch.value for ch in q.choices)) for q in questions}
        )
        self._check_question_conditions(symbols)
        criteria = _each(c, top, "criteria", (), self._criterion)
        c.unique(((k.id, ("criteria", i, "id")) for i, k in enumerate(criteria)), "criterion")
        for index, criterion in enumerate(criteria):
            if criterion.id in symbols:
                c.error(
                    ("criteria", index, "id"),
                    f"criterion id '{criterion.id}' is also a question id",
                )
            self._type_check(criterion.when, symbols, ("criteria", index, "when"))
        all_symbols: dict[str, cond.Symbol | None] = dict(symbols)
        raw_criteria = top.get("criteria")
        for item in raw_criteria if isinstance(raw_criteria, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                all_symbols.setdefault(item["id"], cond.Symbol(QuestionKind.YES_NO))
        outcomes = _each(c, top, "outcomes", (), self._outcome)
        if "outcomes" in top and not outcomes and not c.problems:
            c.error(("outcomes",), "a questionnaire needs at least one outcome")
        c.unique(((o.id, ("outcomes", i, "id")) for i, o in enumerate(outcomes)), "outcome")
        for index, outcome in enumerate(outcomes):
            path: PathKey = ("outcomes", index)
            if outcome.id == CLARIFY_ID:
                c.error((*path, "id"), "'clarify' is the built-in outcome: choose another id")
            if outcome.when is not None:
                self._type_check(outcome.when, all_symbols, (*path, "when"))
            for n, note in enumerate(outcome.notes):
                if note.when is not None:
                    self._type_check(note.when, all_symbols, (*path, "notes", n, "when"))
            for n, basis in enumerate(outcome.legal_basis):
                if basis.when is not None:
                    self._type_check(basis.when, all_symbols, (*path, "legal_basis", n, "when"))
            self._check_contacts(outcome.contacts, (*path, "contacts"))
        clarify_contacts, clarify_summary, go_on_without = self._clarify()
        for index, open_id in enumerate(go_on_without):
            if open_id not in {q.id for q in questions}:
                c.error(
                    ("clarify", "go_on_without", index),
                    f"unknown question id '{open_id}' in 'go_on_without'",
                )
        if any(p.severity is Severity.ERROR for p in c.problems):
            return None
        assert ident
        assert title
        assert description
        assert version is not None
        return Questionnaire(
            id=ident,
            title=title,
            description=description,
            version=version,
            pages=pages,
            questions=tuple(questions),
            outcomes=tuple(outcomes),
            criteria=tuple(criteria),
            quotes=tuple(quotes),
            vague=tuple(vague),
            clarify_contacts=clarify_contacts,
            clarify_summary=clarify_summary,
            path=c.doc.file,
            go_on_without=go_on_without,
            aliases=aliases,
        )

    # -- parts

    def _within_bounds(self) -> bool:
        """Refuse a questionnaire too large to check in reasonable time and memory."""
        fits = True
        limits = {"questions": MAX_QUESTIONS, "criteria": MAX_OUTCOMES, "outcomes": MAX_OUTCOMES}
        for key, limit in limits.items():
            items = self.top.get(key)
            if isinstance(items, list) and len(items) > limit:
                fits = False
                self.c.error(
                    (key,),
                    f"'{key}' has {len(items):,} entries: at most {limit:,} are allowed",
                    hint="split the questionnaire, and hand over with continue_with",
                )
        return fits

    def _aliases(self, ident: str | None) -> tuple[str, ...]:
        """Return the other names the questionnaire answers to, each checked."""
        c, raw = self.c, self.top.get("aliases")
        if raw is None:
            return ()
        if not isinstance(raw, list):
            c.error(
                ("aliases",), "'aliases' must be a list of names", hint="e.g. aliases: [gravid]"
            )
            return ()
        found: list[tuple[str, PathKey]] = []
        for index, alias in enumerate(raw):
            path: PathKey = ("aliases", index)
            if not isinstance(alias, str) or not ID_PATTERN.match(alias):
                c.error(path, f"an alias must be lowercase letters, digits and _ (got {alias!r})")
            elif alias in RESERVED_IDS:
                c.error(path, f"alias '{alias}' is a built-in command", hint="choose another name")
            elif alias == ident:
                c.error(path, f"alias '{alias}' is the questionnaire's own id")
            elif self.known is not None and alias in self.known:
                c.error(path, f"alias '{alias}' is the id of another questionnaire")
            else:
                found.append((alias, path))
        c.unique(found, "alias")
        return tuple(dict.fromkeys(alias for alias, _ in found))

    def _source(self) -> tuple[tuple[str, ...], list[Quote], list[Text]]:
        c = self.c
        source = (
            c.mapping(self.top.get("source"), ("source",), SOURCE_KEYS, "'source'")
            if "source" in self.top
            else None
        )
        if source is None:
            return (), [], []
        pages: list[str] = []
        for index, page in enumerate(c.items(source, "pages", ("source",))):
            if not isinstance(page, str):
                c.error(("source", "pages", index), "a page must be a source id")
                continue
            if self.directory is not None and page not in self.directory.sources:
                c.error(
                    ("source", "pages", index),
                    f"unknown source page '{page}'",
                    hint=_suggest(page, self.directory.sources, "contacts.yaml sources"),
                )
            pages.append(page)
        self.pages = tuple(pages)
        quotes = _each(c, source, "quotes", ("source",), self._quote)
        c.unique(((q.id, ("source", "quotes", i, "id")) for i, q in enumerate(quotes)), "quote")
        self.quote_ids = {q.id for q in quotes}
        vague: list[Text] = []
        for index, _item in enumerate(c.items(source, "vague", ("source",))):
            text = c.text({"vague": _item}, "vague", ("source", "vague", index))
            if text is not None:
                vague.append(text)
        return self.pages, quotes, vague

    def _quote(self, data: object, path: PathKey) -> Quote | None:
        c = self.c
        item = c.mapping(data, path, QUOTE_KEYS, "a quote")
        if item is None:
            return None
        ident, page, text = (
            c.ident(item, "id", path),
            c.string(item, "page", path),
            c.string(item, "text", path),
        )
        if page is not None and page not in self.pages:
            c.error((*path, "page"), f"quote page '{page}' is not listed in source.pages")
        if ident is None or page is None or text is None:
            return None
        return Quote(ident, page, text)

    def _quote_ref(self, item: dict[str, object], path: PathKey) -> str | None:
        quote = item.get("quote")
        if quote is None:
            return None
        if not isinstance(quote, str) or quote not in self.quote_ids:
            self.c.error(
                (*path, "quote"),
                f"unknown quote id {quote!r}",
                hint=_suggest(str(quote), self.quote_ids, "source.quotes"),
            )
            return None
        return quote

    def _question(self, data: object, path: PathKey) -> Question | None:
        c = self.c
        item = c.mapping(data, path, QUESTION_KEYS, "a question")
        if item is None:
            return None
        ident = c.ident(item, "id", path)
        kind = _enum(c, item, "kind", path, QuestionKind, "question kind")
        text = c.text(item, "text", path)
        help_text = c.text(item, "help", path)
        when = c.condition(item["when"], (*path, "when")) if "when" in item else None
        quote = self._quote_ref(item, path)
        minimum = _int(c, item, "min", path)
        maximum = _int(c, item, "max", path)
        choices = _each(c, item, "choices", path, self._choice)
        if kind is not QuestionKind.NUMBER:
            for key in ("min", "max"):
                if key in item and kind is not None:
                    c.error((*path, key), f"'{key}' is only for number questions", key=True)
        elif minimum is not None and maximum is not None and minimum > maximum:
            c.error((*path, "min"), f"min {minimum} is greater than max {maximum}")
        if kind is QuestionKind.CHOICE:
            if (len(choices) < 2 and "choices" in item) or "choices" not in item:
                c.error(
                    path if "choices" not in item else (*path, "choices"),
                    "a choice question needs at least two choices",
                )
            c.unique(
                ((ch.value, (*path, "choices", i, "value")) for i, ch in enumerate(choices)),
                "choice",
            )
            for index, choice in enumerate(choices):
                self._check_choice_value(choice.value, (*path, "choices", index))
        elif "choices" in item and kind is not None:
            c.error((*path, "choices"), "'choices' is only for choice questions", key=True)
        if ident is None or kind is None or text is None or ("when" in item and when is None):
            return None
        line = c.doc.at(path)[0]
        return Question(
            ident, kind, text, help_text, when, minimum, maximum, tuple(choices), quote, line
        )

    def _check_choice_value(self, value: str, path: PathKey) -> None:
        """Refuse a value an answers file could not give back exactly.

        Answers files, ``--set``, cases and the save file read every spelling of «Vet ikke»
        as unknown and trim spaces; YAML cannot hold control characters unescaped.
        """
        where = path if isinstance(_get(self.c.doc.data, path), str) else (*path, "value")
        if value.strip().casefold() in UNKNOWN_SPELLINGS:
            self.c.error(
                where,
                f"choice value {value!r} is read as «Vet ikke» in answers",
                hint="choose another value: every question already offers «Vet ikke»",
            )
        elif value != value.strip():
            self.c.error(
                where,
                f"choice value {value!r} has spaces at its start or end",
                hint="remove them",
            )
        elif any(not ch.isprintable() for ch in value):
            self.c.error(
                where,
                f"choice value {value!a} contains control or invisible characters",
                hint="use letters, digits, spaces and punctuation",
            )

    def _choice(self, data: object, path: PathKey) -> Choice | None:
        c = self.c
        if isinstance(data, str):  # shorthand: the value doubles as the bokmål label
            return Choice(data, Text(((DEFAULT_LANG, data),)))
        item = c.mapping(data, path, CHOICE_KEYS, "a choice")
        if item is None:
            return None
        value = c.string(item, "value", path)
        text = c.text(item, "text", path)
        if value is None or text is None:
            return None
        return Choice(value, text)

    def _check_question_conditions(self, symbols: dict[str, cond.Symbol | None]) -> None:
        raw = self.top.get("questions")
        if not isinstance(raw, list):
            return
        order = {name: index for index, name in enumerate(symbols)}
        for index, item in enumerate(raw):
            ident = item.get("id") if isinstance(item, dict) else None
            # An id that is not text (a list, say) is reported where the question is built.
            if not isinstance(ident, str) or "when" not in item or ident not in order:
                continue
            path: PathKey = ("questions", index, "when")
            try:
                when = cond.parse_condition(item["when"])
            except cond.ConditionError:
                continue  # reported when the question was built
            for name in cond.names(when):
                if name == ident:
                    self.c.error(path, f"question '{name}' has a 'when' that refers to itself")
                elif name in order and order[name] > order[ident]:
                    self.c.error(
                        path,
                        f"'when' of '{ident}' refers to '{name}', which is asked later",
                        hint="a question may only depend on questions before it",
                    )
            self._type_check(when, symbols, path)

    def _type_check(
        self,
        condition: cond.Condition,
        symbols: Mapping[str, cond.Symbol | None],
        path: PathKey,
    ) -> None:
        for message in cond.check(condition, symbols):
            self.c.error(path, message)

    def _criterion(self, data: object, path: PathKey) -> Criterion | None:
        c = self.c
        item = c.mapping(data, path, CRITERION_KEYS, "a criterion")
        if item is None:
            return None
        ident = c.ident(item, "id", path)
        text = c.text(item, "text", path)
        group = c.text(item, "group", path)
        when = c.condition(item["when"], (*path, "when")) if item.get("when") is not None else None
        quote = self._quote_ref(item, path)
        if ident is None or text is None or when is None:
            return None
        return Criterion(ident, text, when, group, quote, c.doc.at(path)[0])

    def _outcome(self, data: object, path: PathKey) -> Outcome | None:
        c = self.c
        item = c.mapping(data, path, OUTCOME_KEYS, "an outcome")
        if item is None:
            return None
        ident = c.ident(item, "id", path)
        level = _enum(c, item, "level", path, Level, "level")
        if level is Level.CLARIFY:
            c.error((*path, "level"), "level 'clarify' belongs to the built-in outcome")
        title = c.text(item, "title", path)
        summary = c.text(item, "summary", path)
        when = c.condition(item["when"], (*path, "when")) if item.get("when") is not None else None
        contacts = _ids(c, item, "contacts", path)
        legal = _each(c, item, "legal_basis", path, self._legal)
        notes = _each(c, item, "notes", path, self._note)
        quote = self._quote_ref(item, path)
        continue_with = self._continue_with(item, path)
        if None in (ident, level, title, summary, when):
            return None
        assert ident
        assert level
        assert title
        assert summary
        return Outcome(
            ident,
            level,
            title,
            summary,
            when,
            tuple(contacts),
            tuple(legal),
            tuple(notes),
            quote,
            c.doc.at(path)[0],
            continue_with,
        )

    def _continue_with(self, item: dict[str, object], path: PathKey) -> str | None:
        c = self.c
        target = c.ident(item, "continue_with", path)
        if target is None:
            return None
        where = (*path, "continue_with")
        if target == self.top.get("id"):
            c.error(where, f"an outcome cannot continue with its own questionnaire '{target}'")
            return None
        if self.known is not None and target not in self.known:
            c.error(
                where,
                f"unknown questionnaire '{target}' in continue_with",
                hint=_suggest(target, self.known, "a questionnaire file of that id"),
            )
            return None
        return target

    def _legal(self, data: object, path: PathKey) -> LegalBasis | None:
        c = self.c
        item = c.mapping(data, path, LEGAL_KEYS, "a legal basis")
        if item is None:
            return None
        law, section = c.text(item, "law", path), c.string(item, "section", path)
        text = c.text(item, "text", path)
        when = c.condition(item["when"], (*path, "when")) if "when" in item else None
        if law is None or section is None or ("when" in item and when is None):
            return None
        return LegalBasis(law, section, text, when)

    def _note(self, data: object, path: PathKey) -> Note | None:
        c = self.c
        item = c.mapping(data, path, NOTE_KEYS, "a note")
        if item is None:
            return None
        text = c.text(item, "text", path)
        when = c.condition(item["when"], (*path, "when")) if "when" in item else None
        if text is None or ("when" in item and when is None):
            return None
        return Note(text, when)

    def _clarify(self) -> tuple[tuple[str, ...], Text | None, tuple[str, ...]]:
        c = self.c
        if "clarify" not in self.top:
            return (), None, ()
        item = c.mapping(self.top["clarify"], ("clarify",), CLARIFY_KEYS, "'clarify'")
        if item is None:
            return (), None, ()
        contacts = _ids(c, item, "contacts", ("clarify",))
        self._check_contacts(tuple(contacts), ("clarify", "contacts"))
        go_on = tuple(_ids(c, item, "go_on_without", ("clarify",)))
        return tuple(contacts), c.text(item, "summary", ("clarify",)), go_on

    def _check_contacts(self, contacts: tuple[str, ...], path: PathKey) -> None:
        if self.directory is None:
            return
        for index, contact in enumerate(contacts):
            if contact not in self.directory.contacts:
                self.c.error(
                    (*path, index),
                    f"unknown contact id '{contact}'",
                    hint=_suggest(contact, self.directory.contacts, "contacts.yaml"),
                )


def _declared(raw: object) -> dict[str, cond.Symbol | None]:
    """Return the question ids a file declares, in order, with their kind where it is valid.

    Read from the raw data so that a question with a mistake elsewhere still counts as
    declared, and conditions naming it are not reported as naming an unknown id.
    """
    declared: dict[str, cond.Symbol | None] = {}
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        kinds = {k.value: k for k in QuestionKind}
        kind = kinds.get(str(item.get("kind")))
        choices = item.get("choices")
        if kind is QuestionKind.CHOICE and isinstance(choices, list):
            values = tuple(str(c.get("value")) if isinstance(c, dict) else str(c) for c in choices)
            declared.setdefault(item["id"], cond.Symbol(kind, values))
        else:
            declared.setdefault(item["id"], None if kind is None else cond.Symbol(kind))
    return declared


def _suggest(name: str, known: Iterable[str], where: str) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"did you mean '{close[0]}'?" if close else f"define it in {where}"


def _enum(
    c: _Checker, item: dict[str, object], key: str, path: PathKey, enum_type: type[T], what: str
) -> T | None:
    value = item.get(key)
    if value is None:
        return None
    allowed = [member.value for member in enum_type]  # type: ignore[attr-defined]
    if value not in allowed:
        close = difflib.get_close_matches(str(value), allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(allowed)
        c.error((*path, key), f"unknown {what} {value!r}", hint=hint)
        return None
    return enum_type(value)  # type: ignore[call-arg]


def _int(c: _Checker, item: dict[str, object], key: str, path: PathKey) -> int | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        c.error((*path, key), f"'{key}' must be a whole number")
        return None
    return value


def _ids(c: _Checker, item: dict[str, object], key: str, path: PathKey) -> list[str]:
    ids = []
    for index, value in enumerate(c.items(item, key, path)):
        if not isinstance(value, str):
            c.error((*path, key, index), f"'{key}' must list ids")
        else:
            ids.append(value)
    return ids


# --------------------------------------------------------------------------- the directory


def check_directory(
    path: Path, display: str | None = None, *, recommended: tuple[str, ...] = ()
) -> tuple[Directory, list[Problem]]:
    """Load a contacts file, returning what loaded and every problem found."""
    try:
        doc = read_yaml(path, display)
    except QuestionnaireError as error:
        return Directory(), list(error.problems)
    c = _Checker(doc, recommended)
    c.problems.extend(hidden_characters(doc))
    if doc.data is None:
        c.error((), "file is empty: expected 'sources:' and 'contacts:'")
        return Directory(), c.problems
    top = c.mapping(doc.data, (), DIRECTORY_KEYS, "the contacts file")
    if top is None:
        return Directory(), c.problems
    sources = _each(c, top, "sources", (), lambda d, p: _source_page(c, d, p))
    c.unique(((s.id, ("sources", i, "id")) for i, s in enumerate(sources)), "source")
    source_ids = {s.id for s in sources}
    contacts = _each(c, top, "contacts", (), lambda d, p: _contact(c, d, p, source_ids))
    c.unique(((k.id, ("contacts", i, "id")) for i, k in enumerate(contacts)), "contact")
    return (
        Directory({k.id: k for k in contacts}, {s.id: s for s in sources}),
        c.problems,
    )


def load_directory(paths: Iterable[Path]) -> Directory:
    """Load contacts files in order; a later file's entries override earlier ones by id."""
    contacts: dict[str, Contact] = {}
    sources: dict[str, Source] = {}
    for path in paths:
        directory, problems = check_directory(path)
        errors = [p for p in problems if p.severity is Severity.ERROR]
        if errors:
            raise QuestionnaireError(errors)
        sources.update(directory.sources)
        contacts.update(directory.contacts)
    return Directory(contacts, sources)


def _source_page(c: _Checker, data: object, path: PathKey) -> Source | None:
    item = c.mapping(data, path, SOURCE_PAGE_KEYS, "a source")
    if item is None:
        return None
    ident, title = c.ident(item, "id", path), c.text(item, "title", path)
    publisher = c.string(item, "publisher", path)
    dates = [c.date(item, key, path) for key in ("published", "changed", "retrieved")]
    url, note = c.string(item, "url", path), c.text(item, "note", path)
    if ident is None or title is None or publisher is None:
        return None
    published, changed, retrieved = dates
    return Source(ident, title, publisher, published, changed, retrieved, url, note)


def _contact(c: _Checker, data: object, path: PathKey, sources: set[str]) -> Contact | None:
    item = c.mapping(data, path, CONTACT_KEYS, "a contact")
    if item is None:
        return None
    ident, name = c.ident(item, "id", path), c.string(item, "name", path)
    role, organisation = c.text(item, "role", path), c.string(item, "organisation", path)
    source, checked = c.string(item, "source", path), c.date(item, "checked", path)
    if source is not None and source not in sources:
        c.error(
            (*path, "source"),
            f"unknown source '{source}'",
            hint=_suggest(source, sources, "the sources list"),
        )
    phone = c.string(item, "phone", path)
    if phone is not None and not re.fullmatch(r"\+?[0-9 ]{3,20}", phone):
        c.error(
            (*path, "phone"),
            f"phone {phone!r} must be digits (spaces allowed)",
            hint='quote it: phone: "46960239"',
        )
    email = c.string(item, "email", path)
    if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        c.error((*path, "email"), f"e-mail {email!r} does not look like an address")
    url, note = c.string(item, "url", path), c.text(item, "note", path)
    hours = _hours(c, item, path) if "hours" in item else None
    historical, emergency = (_flag(c, item, key, path) for key in ("historical", "emergency"))
    if None in (ident, name, role, organisation, source, checked):
        return None
    assert ident
    assert name
    assert role
    assert organisation
    assert source
    assert checked
    return Contact(
        ident,
        name,
        role,
        organisation,
        source,
        checked,
        phone,
        email,
        url,
        hours,
        note,
        historical,
        emergency,
    )


def _flag(c: _Checker, item: dict[str, object], key: str, path: PathKey) -> bool:
    """Return a true/false key of an entry (False when left out), or say it must be one."""
    value = item.get(key, False)
    if not isinstance(value, bool):
        c.error((*path, key), f"'{key}' must be true or false")
        return False
    return value


def _hours(c: _Checker, item: dict[str, object], path: PathKey) -> Hours | None:
    where = (*path, "hours")
    data = c.mapping(item["hours"], where, HOURS_KEYS, "'hours'")
    if data is None:
        return None
    days: list[int] = []
    for index, day in enumerate(c.items(data, "days", where)):
        if day not in WEEKDAYS:
            c.error(
                (*where, "days", index),
                f"unknown weekday {day!r}",
                hint="use mon, tue, wed, thu, fri, sat, sun",
            )
        else:
            days.append(WEEKDAYS.index(str(day)))
    times = []
    for key in ("from", "to"):
        value = data.get(key)
        if isinstance(value, str) and re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", value):
            times.append(dt.time.fromisoformat(value))
        elif value is not None:
            c.error((*where, key), f"'{key}' must be a time like \"08:00\"")
    if len(times) != 2 or not days:
        return None
    if times[0] >= times[1]:
        c.error((*where, "to"), "'to' must be later than 'from'")
        return None
    return Hours(tuple(sorted(set(days))), times[0], times[1])


# --------------------------------------------------------------------------- answers


_YES = {"ja", "j", "yes", "y", "true"}
_NO = {"nei", "n", "no", "false"}
#: What answers files, ``--set``, cases and the save file read as «Vet ikke» (any case).
#: A choice value may be none of these (see ``_check_choice_value``).
UNKNOWN_SPELLINGS = frozenset(
    {"unknown", "vet ikke", "v", "?", "ukjent", "d", "don't know", "don’t know", "dont know"}
)


def coerce_answer(question: Question, value: object) -> AnswerValue:
    """Turn a typed or file value into an answer for ``question``; ValueError if it cannot.

    A choice's exact value wins over every other reading, so what was chosen is what is
    read back.
    """
    if value is UNKNOWN or value is None:
        return UNKNOWN
    if question.kind is QuestionKind.CHOICE and isinstance(value, str) and question.choice(value):
        return value
    if isinstance(value, str) and value.strip().casefold() in UNKNOWN_SPELLINGS:
        return UNKNOWN
    if question.kind is QuestionKind.YES_NO:
        return _coerce_yes_no(value)
    if question.kind is QuestionKind.NUMBER:
        return _coerce_number(question, value)
    text = (
        str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else None
    )
    if text is not None and question.choice(text) is not None:
        return text
    listed = ", ".join(c.value for c in question.choices)
    raise ValueError(f"{_shown(value)} is not a choice (choices: {listed}, unknown)")


def _coerce_yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in _YES:
            return True
        if lowered in _NO:
            return False
    raise ValueError(f"{_shown(value)} is not yes/no: use true, false or unknown")


def _coerce_number(question: Question, value: object) -> int:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"\s*[-+]?\d{1,9}\s*", value):
        number = int(value)
    if number is None:
        raise ValueError(f"{_shown(value)} is not a whole number")
    if abs(number) >= MAX_INT:
        raise ValueError("the number is too large: whole numbers must be below 10**15")
    if question.minimum is not None and number < question.minimum:
        raise ValueError(f"{number} is below the minimum {question.minimum}")
    if question.maximum is not None and number > question.maximum:
        raise ValueError(f"{number} is above the maximum {question.maximum}")
    return number


def _shown(value: object) -> str:
    """Return an answer as a message quotes it: short, and as it was written."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and abs(value) >= MAX_INT:
        return f"a number of about {int(abs(value).bit_length() * 0.30103) + 1:,} digits"
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    return repr(shorten(value)) if isinstance(value, str) else shorten(repr(value))


#: The JSON result document ``--format json`` writes, also read as an answers file.
RESULT_FORMAT = "triage-result/1"


def load_answers(
    path: Path, questionnaire: Questionnaire, *, ids: tuple[str, ...] = ()
) -> dict[str, AnswerValue]:
    """Read an answers file (YAML or JSON); raise AnswersError naming file:line on a bad one.

    The tool's own result document (``triage-result/1``, from ``--format json``) is read as
    its answers (unknown stays unknown), if it is the result of ``questionnaire`` or of one
    of ``ids`` (the questionnaires a run may continue with).
    """
    try:
        doc = read_yaml(path, regular=False)
    except QuestionnaireError as error:
        raise AnswersError(error.message) from None
    if doc.data is None:
        return {}
    if not isinstance(doc.data, dict):
        raise AnswersError(
            doc.problem(
                (), "an answers file must map question ids to answers", hint="e.g. age: 34"
            ).format()
        )
    if isinstance(doc.data.get("format"), str) and "questionnaire" in doc.data:
        return _result_answers(doc, doc.data, questionnaire, (questionnaire.id, *ids))
    return parse_answers(doc.data, questionnaire, doc)


def _result_answers(
    doc: Document, data: dict[str, object], questionnaire: Questionnaire, ids: tuple[str, ...]
) -> dict[str, AnswerValue]:
    """Return the answers of a ``triage-result`` document, after checking what it is for."""
    kind = data["format"]
    if kind != RESULT_FORMAT:
        raise AnswersError(
            doc.problem(
                ("format",), f"'{kind}' is not a result this version reads ({RESULT_FORMAT})"
            ).format()
        )
    about = data.get("questionnaire")
    result_id = about.get("id") if isinstance(about, dict) else None
    if result_id not in ids:
        raise AnswersError(
            doc.problem(
                ("questionnaire", "id"),
                f"this is the result of '{result_id}', not of '{questionnaire.id}': "
                f"use it with triage {result_id} --answers {doc.file}",
            ).format()
        )
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise AnswersError(doc.problem(("answers",), "the result has no answers").format())
    return parse_answers(answers, questionnaire, doc, at=("answers",))


def parse_answers(
    data: Mapping[str, object],
    questionnaire: Questionnaire,
    doc: Document | None = None,
    *,
    at: tuple[str, ...] = (),
) -> dict[str, AnswerValue]:
    """Check and coerce a mapping of question id to answer (``at``: its path in ``doc``)."""
    known = {q.id: q for q in questionnaire.questions}
    answers: dict[str, AnswerValue] = {}
    for key, value in data.items():
        where = f"{doc.file}:{doc.at((*at, key), key=True)[0]}: " if doc else ""
        if key not in known:
            close = difflib.get_close_matches(key, list(known), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"questions: {', '.join(known)}"
            raise AnswersError(
                f"{where}unknown question id {_shown(key)} ({hint})",
                key="error_answer_id_close" if close else "error_answer_id",
                where=where,
                id=key,
                close=close[0] if close else "",
                ids=", ".join(known),
            )
        try:
            answers[key] = coerce_answer(known[key], value)
        except ValueError as error:
            message = f"{where}answer to '{key}': {error}"
            raise _bad_answer(message, known[key], value, where) from None
    return answers


def _bad_answer(message: str, question: Question, value: object, where: str) -> AnswersError:
    """Return the error for a value that does not fit, saying what would, in any language."""
    low, high = question.minimum, question.maximum
    bounds = f" ({low}–{high})" if low is not None and high is not None else ""
    return AnswersError(
        message,
        key=f"error_answer_{question.kind.value}",
        where=where,
        id=question.id,
        value=value,
        range=bounds,
        choices=", ".join(c.value for c in question.choices),
    )


def answers_text(answers: Mapping[str, object]) -> str:
    """Return answers as a one-line YAML mapping, e.g. ``{age: 17, resident: true}``.

    The text is a valid answers file: paste it into one and run ``triage ID --answers``.
    """
    shown = []
    for key, value in answers.items():
        if value is UNKNOWN or value is None:
            text = "unknown"
        elif isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, int):
            text = str(value)
        else:
            text = yaml_string(str(value))
        shown.append(f"{key}: {text}")
    return "{" + ", ".join(shown) + "}"


# YAML 1.1 (PyYAML) cannot hold these raw: controls, DEL, C1, surrogates, U+FFFE/FFFF, and
# the Unicode line separators it would fold into a space.
_YAML_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def yaml_string(text: str) -> str:
    """Return ``text`` as a double-quoted YAML scalar that reads back exactly.

    JSON escaping with the characters YAML refuses, or would change, written as escapes.
    """
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True, slots=True)
class Case:
    """A scenario: answers and what the questionnaire should conclude from them."""

    name: str
    answers: Mapping[str, AnswerValue]
    outcome: str
    clarify: tuple[str, ...] | None = None
    contacts: tuple[str, ...] | None = None
    line: int = 0
    col: int = 0


def check_cases(
    path: Path, questionnaire: Questionnaire, display: str | None = None
) -> tuple[list[Case], list[Problem]]:
    """Load a cases file for ``questionnaire``, returning the cases and every problem."""
    try:
        doc = read_yaml(path, display)
    except QuestionnaireError as error:
        return [], list(error.problems)
    c = _Checker(doc)
    c.problems.extend(hidden_characters(doc))
    top = c.mapping(doc.data, (), CASES_KEYS, "the cases file")
    if top is None:
        return [], c.problems
    if top.get("questionnaire") != questionnaire.id:
        c.error(
            ("questionnaire",),
            f"cases are for {top.get('questionnaire')!r}, not '{questionnaire.id}'",
        )
    outcome_ids = {o.id for o in questionnaire.outcomes} | {CLARIFY_ID}
    questions = [q.id for q in questionnaire.questions]
    cases: list[Case] = []
    for index, data in enumerate(c.items(top, "cases", ())):
        where: PathKey = ("cases", index)
        item = c.mapping(data, where, CASE_KEYS, "a case")
        if item is None:
            continue
        name, outcome = c.string(item, "name", where), c.string(item, "outcome", where)
        if outcome is not None and outcome not in outcome_ids:
            c.error(
                (*where, "outcome"),
                f"unknown outcome '{outcome}'",
                hint=_suggest(outcome, outcome_ids, "the questionnaire"),
            )
        raw = item.get("answers") or {}
        answers: dict[str, AnswerValue] = {}
        if not isinstance(raw, dict):
            c.error((*where, "answers"), "'answers' must map question ids to answers")
        else:
            for key, value in raw.items():
                try:
                    answers.update(parse_answers({key: value}, questionnaire))
                except AnswersError as error:
                    # An unknown id is pointed at by its key, a bad answer by its value.
                    unknown = key not in questions
                    c.error((*where, "answers", key), error.message, key=unknown)
        clarify = tuple(_ids(c, item, "clarify", where)) if "clarify" in item else None
        for index, ident in enumerate(clarify or ()):
            if ident not in questions:
                c.error(
                    (*where, "clarify", index),
                    f"unknown question id '{ident}' in 'clarify'",
                    hint=_suggest(ident, questions, "the questionnaire"),
                )
        contacts = tuple(_ids(c, item, "contacts", where)) if "contacts" in item else None
        for index, ident in enumerate(contacts or ()):
            if not ID_PATTERN.match(ident):
                c.error(
                    (*where, "contacts", index),
                    f"{ident!a} is not a contact id",
                    hint="list the ids from contacts.yaml, e.g. per_willy_ormestad",
                )
        if name is not None and outcome is not None:
            cases.append(Case(name, answers, outcome, clarify, contacts, *c.doc.at(where)))
    c.unique(((k.name, ("cases", i, "name")) for i, k in enumerate(cases)), "case")
    return cases, c.problems


# --------------------------------------------------------------------------- catalogue


def shipped_dir() -> Path:
    """Return the folder of shipped questionnaires (inside the wheel, or the source tree)."""
    here = Path(__file__).resolve().parent
    installed = here / "data"
    return installed if installed.is_dir() else here.parent / "questionnaires"


#: The kinds of file a folder holds, each with a JSON Schema shipped beside the questionnaires.
SCHEMA_KINDS = ("questionnaire", "contacts", "cases")


def schema_file(kind: str) -> Path:
    """Return the JSON Schema file for a kind of file (see SCHEMA_KINDS)."""
    return shipped_dir() / f"{kind}.schema.json"


def file_kind(path: Path) -> str:
    """Tell what a YAML file holds, from its name: questionnaire, contacts or cases."""
    if path.name == CONTACTS_FILE:
        return "contacts"
    return "cases" if path.name.endswith(CASES_SUFFIX) else "questionnaire"


def questionnaire_files(folder: Path) -> list[Path]:
    """List the questionnaire files in ``folder`` (not contacts or cases files)."""
    return sorted(
        p
        for p in folder.glob("*.yaml")
        if p.name != CONTACTS_FILE and not p.name.endswith(CASES_SUFFIX)
    )


def cases_file(questionnaire_path: Path) -> Path:
    """Return where the cases file for a questionnaire file lives."""
    return questionnaire_path.with_name(questionnaire_path.stem + CASES_SUFFIX)
