"""Questionnaire YAML → model: the key tables and the builder."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from triage.core import conditions as cond
from triage.core.errors import Problem, QuestionnaireError, Severity
from triage.core.kinds import KINDS, Ordered
from triage.core.model import (
    CLARIFY_ID,
    DEFAULT_LANG,
    RESERVED_IDS,
    Choice,
    Criterion,
    Definite,
    Directory,
    LegalBasis,
    Level,
    Note,
    Outcome,
    Question,
    QuestionKind,
    Questionnaire,
    Quote,
    Text,
)
from triage.load import fields
from triage.load.answers import UNKNOWN_SPELLINGS
from triage.load.checker import ID_PATTERN, _Checker, _each, _enum, _get, _ids, _int, _suggest
from triage.load.document import Document, PathKey, hidden_characters, read_yaml

#: Bounds on a questionnaire, so that checking and proving it ends (docs/authoring.md).
MAX_QUESTIONS = 2_000
MAX_OUTCOMES = 4_000


# The key tables: key → required, from the one declaration of the format (fields.py).
QUESTIONNAIRE_KEYS = fields.QUESTIONNAIRE.keys
SOURCE_KEYS = fields.SOURCE.keys
QUOTE_KEYS = fields.QUOTE.keys
QUESTION_KEYS = fields.QUESTION.keys
CHOICE_KEYS = fields.CHOICE.keys
CRITERION_KEYS = fields.CRITERION.keys
OUTCOME_KEYS = fields.OUTCOME.keys
CLARIFY_KEYS = fields.CLARIFY.keys
LEGAL_KEYS = fields.LEGAL.keys
NOTE_KEYS = fields.NOTE.keys


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
            self._check_before(outcomes, index)
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
        return Quote(ident, page, text, c.doc.at((*path, "text"))[0])

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
        minimum = self._bound(item, "min", path, kind)
        maximum = self._bound(item, "max", path, kind)
        choices = _each(c, item, "choices", path, self._choice)
        for key in {key: None for keys in fields.KIND_KEYS.values() for key in keys}:
            owners = [owner for owner, keys in fields.KIND_KEYS.items() if key in keys]
            if key in item and kind is not None and kind not in owners:
                only = " or ".join(owner.value for owner in owners)
                c.error((*path, key), f"'{key}' is only for {only} questions", key=True)
        entry = KINDS[kind] if kind is not None else None
        owns = entry.keys if entry is not None else ()
        if (
            isinstance(entry, Ordered)
            and minimum is not None
            and maximum is not None
            and entry.rank(minimum) > entry.rank(maximum)
        ):
            c.error((*path, "min"), f"min {minimum} is greater than max {maximum}")
        if "choices" in owns:
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
        if ident is None or kind is None or text is None or ("when" in item and when is None):
            return None
        line = c.doc.at(path)[0]
        return Question(
            ident, kind, text, help_text, when, minimum, maximum, tuple(choices), quote, line
        )

    def _bound(
        self, item: dict[str, object], key: str, path: PathKey, kind: QuestionKind | None
    ) -> Definite | None:
        """Read ``min`` or ``max`` as the question's kind reads it (a whole number if none)."""
        value = item.get(key)
        if value is None or kind is None or key not in KINDS[kind].keys:
            return _int(self.c, item, key, path)
        try:
            return KINDS[kind].bound(value, key)
        except ValueError as error:
            self.c.error((*path, key), str(error))
            return None

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
        before = _ids(c, item, "before", path)
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
            tuple(before),
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
        url = c.string(item, "url", path)
        if url is not None and not re.fullmatch(fields.LINK_REGEX, url):
            c.error(
                (*path, "url"),
                f"url {url!r} must be an https address without spaces",
                hint="e.g. url: https://lovdata.no/lov/2011-06-24-30/§10-2",
            )
            url = None
        valid_from = c.date(item, "valid_from", path)
        if law is None or section is None or ("when" in item and when is None):
            return None
        return LegalBasis(law, section, text, when, url, valid_from)

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

    def _check_before(self, outcomes: list[Outcome], index: int) -> None:
        """Check that 'before' names outcomes that come after this one."""
        ids = [o.id for o in outcomes]
        for n, other in enumerate(outcomes[index].before):
            where: PathKey = ("outcomes", index, "before", n)
            if other not in ids:
                self.c.error(
                    where,
                    f"unknown outcome id '{other}' in 'before'",
                    hint=_suggest(other, ids, "the outcomes"),
                )
            elif ids.index(other) <= index:
                self.c.error(
                    where,
                    f"'before' names '{other}', which does not come after '{outcomes[index].id}'",
                    hint="an outcome can only win over later ones: list it in the earlier "
                    "outcome's 'before', or move the outcomes",
                )

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
