"""Source drift: compare the quotes that cite a page, and its contact details, with a fresh copy.

:func:`check_page` is pure: it takes the fresh page's text, the questionnaires and the
contact directory, and returns a :class:`PageCheck`; it reads and prints nothing.

A quote is **found** when it stands on the page after typographic normalisation: case,
whitespace (line breaks, no-break spaces), soft hyphens and zero-width characters,
quotation marks («» “” " ' ’) and dashes (– — -, and spaces around them) do not count.
Otherwise the page's best matching stretch of words (difflib) is compared with it: a
stretch at least :data:`CHANGED_AT` alike is **changed** (with a word diff), else the quote
is **missing**. Phone numbers (eight digits, optionally after +47) and e-mail addresses on
the page that no contact has are listed, and so are the contacts citing the page whose
number or address is no longer on it.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from triage.core.conditions import names
from triage.core.errors import UsageError
from triage.core.model import Contact, Directory, Questionnaire, Quote

#: How alike (difflib's ratio over words) the best stretch of the page must be for a quote
#: to count as changed rather than missing.
CHANGED_AT = 0.6
#: The share of a source's quotes a page must hold, found as they are, to be told that
#: source by its content alone.
RECOGNISED_AT = 0.5

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_FOLD = str.maketrans(
    {
        **dict.fromkeys(map(ord, "«»“”„‟\"'’‘‚‹›`´"), "'"),
        **dict.fromkeys(map(ord, "‐‑‒–—―−"), "-"),
    }
)
_AROUND_DASH = re.compile(r" ?- ?")
_PHONE = re.compile(r"(?<![\w.,/+-])(\+47[ \u00a0]?)?(\d(?:[ \u00a0]?\d){7})(?![\w/]|[,.-]\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)


class Status(enum.Enum):
    """What became of a quote on the fresh page."""

    FOUND = "found"
    CHANGED = "changed"
    MISSING = "missing"


class Change(enum.Enum):
    """A piece of a word diff: words kept, words only in the quote, words only on the page."""

    SAME = "same"
    REMOVED = "removed"
    ADDED = "added"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of words in a word diff."""

    change: Change
    text: str


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    """One quote compared with the page, and what rests on it."""

    questionnaire: str
    path: str
    quote: Quote
    status: Status
    #: How alike the quote and the page's best stretch of words are (1.0 when found).
    similarity: float
    #: The word diff from the quote to the page's stretch (empty when found or missing).
    diff: tuple[Piece, ...] = ()
    questions: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Vanished:
    """A contact citing the page whose phone number or e-mail address is no longer on it."""

    contact: str
    field: str
    value: str


@dataclass(frozen=True, slots=True)
class PageCheck:
    """Everything ``triage sources check`` found for one page."""

    page: str
    quotes: tuple[QuoteCheck, ...]
    #: Phone numbers on the page that no contact has, as the page writes them.
    new_phones: tuple[str, ...] = ()
    #: E-mail addresses on the page that no contact has.
    new_emails: tuple[str, ...] = ()
    vanished: tuple[Vanished, ...] = ()

    def count(self, status: Status) -> int:
        """Return how many quotes have ``status``."""
        return sum(q.status is status for q in self.quotes)

    @property
    def changed(self) -> bool:
        """True when anything differs from what the files say."""
        return bool(
            self.new_phones
            or self.new_emails
            or self.vanished
            or any(q.status is not Status.FOUND for q in self.quotes)
        )


# --------------------------------------------------------------------------- normalising


def fold(word: str) -> str:
    """Return a word as compared: compatibility form, one quotation mark, one dash, no case."""
    return unicodedata.normalize("NFKC", word.translate(_INVISIBLE)).translate(_FOLD).casefold()


def _words(text: str) -> list[tuple[str, str]]:
    """Return the words of a text, each as written and as compared."""
    found = []
    for word in text.translate(_INVISIBLE).split():
        folded = fold(word)
        if folded:
            found.append((word, folded))
    return found


def _flat(folded: Iterable[str]) -> str:
    return _AROUND_DASH.sub("-", " ".join(folded))


def normalise(text: str) -> str:
    """Return a text as quotes are looked up in it (see the module's description)."""
    return _flat(f for _, f in _words(text))


# --------------------------------------------------------------------------- the check


def check_page(
    text: str,
    page: str,
    questionnaires: Sequence[Questionnaire],
    directory: Directory,
) -> PageCheck:
    """Compare every quote citing ``page``, and the contacts, with the page's fresh ``text``."""
    words = _words(text)
    flat = _flat(f for _, f in words)
    folded = [f for _, f in words]
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(folded)
    checks = []
    for questionnaire in questionnaires:
        for quote in questionnaire.quotes:
            if quote.page == page:
                status, similarity, diff = _compare(quote.text, words, flat, matcher)
                checks.append(
                    QuoteCheck(
                        questionnaire.id,
                        questionnaire.path,
                        quote,
                        status,
                        similarity,
                        diff,
                        *_resting_on(questionnaire, quote.id),
                    )
                )
    phones, emails = details(text)
    contacts = list(directory.contacts.values())
    known_phones = {_digits(c.phone) for c in contacts if c.phone}
    known_emails = {c.email.casefold() for c in contacts if c.email}
    new_phones = [shown for digits, shown in phones.items() if digits not in known_phones]
    new_emails = [shown for key, shown in emails.items() if key not in known_emails]
    vanished = [v for c in contacts if c.source == page for v in _vanished(c, phones, emails)]
    return PageCheck(page, tuple(checks), tuple(new_phones), tuple(new_emails), tuple(vanished))


def details(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Return the phone numbers (by their digits) and e-mail addresses (by case) on a page."""
    clean = text.translate(_INVISIBLE)
    phones: dict[str, str] = {}
    for match in _PHONE.finditer(clean):
        phones.setdefault(_digits(match.group(2)), " ".join(match.group(0).split()))
    emails: dict[str, str] = {}
    for match in _EMAIL.finditer(clean):
        address = match.group(0).rstrip(".")
        emails.setdefault(address.casefold(), address)
    return phones, emails


def _digits(phone: str) -> str:
    """Return a Norwegian number's digits without spaces or the country code (+47, 0047)."""
    digits = re.sub(r"\D", "", phone)
    if phone.lstrip().startswith("+47") and len(digits) == 10:
        return digits[2:]
    if digits.startswith("0047") and len(digits) == 12:
        return digits[4:]
    return digits


def _vanished(
    contact: Contact, phones: Mapping[str, str], emails: Mapping[str, str]
) -> list[Vanished]:
    found = []
    if contact.phone and _digits(contact.phone) not in phones:
        found.append(Vanished(contact.id, "phone", contact.phone))
    if contact.email and contact.email.casefold() not in emails:
        found.append(Vanished(contact.id, "email", contact.email))
    return found


def _compare(
    quote: str, words: list[tuple[str, str]], flat: str, matcher: SequenceMatcher[str]
) -> tuple[Status, float, tuple[Piece, ...]]:
    """Return whether a quote is on the page, and if not, how the nearest stretch differs."""
    quoted = _words(quote)
    if not quoted or _flat(f for _, f in quoted) in flat:
        return Status.FOUND, 1.0, ()
    page = [f for _, f in words]
    similarity, start, end = _best_window([f for _, f in quoted], page, matcher)
    if similarity < CHANGED_AT:
        return Status.MISSING, similarity, ()
    return Status.CHANGED, similarity, _diff(quoted, words[start:end])


def _best_window(
    quoted: list[str], page: Sequence[str], matcher: SequenceMatcher[str]
) -> tuple[float, int, int]:
    """Return the stretch of the page (start, end) most like the quote, and how alike.

    The quote's longest runs on the page anchor where to look; around the best anchors the
    start, then the end, move by up to a quarter of the quote's length. ``matcher`` holds
    the page's words already (difflib caches what it learns about them).
    """
    size = len(quoted)
    matcher.set_seq1(quoted)
    anchors = {max(0, b - a) for a, b, n in matcher.get_matching_blocks() if n}
    scorer = SequenceMatcher(None, autojunk=False)
    scorer.set_seq2(quoted)

    def score(start: int, end: int) -> float:
        scorer.set_seq1(page[start:end])
        return scorer.ratio()

    ranked = sorted(((score(s, s + size), s) for s in anchors), reverse=True)[:3]
    best = (0.0, 0, 0)
    slack = max(2, size // 4)
    for _, anchor in ranked:
        end = anchor + size
        starts = range(max(0, anchor - slack), min(len(page), anchor + slack) + 1)
        start = max(starts, key=lambda s: (score(s, end), -abs(s - anchor)))
        ends = range(min(len(page), max(start + 1, end - slack)), min(len(page), end + slack) + 1)
        end = max(ends, key=lambda e: (score(start, e), -abs(e - start - size)), default=end)
        best = max(best, (score(start, end), start, end))
    return best


def _diff(quoted: list[tuple[str, str]], found: list[tuple[str, str]]) -> tuple[Piece, ...]:
    """Return the word diff from the quote to the page's words, in runs."""
    pieces: list[Piece] = []
    opcodes = SequenceMatcher(
        None, [f for _, f in quoted], [f for _, f in found], autojunk=False
    ).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            pieces.append(Piece(Change.SAME, " ".join(w for w, _ in found[j1:j2])))
            continue
        if tag in ("replace", "delete"):
            pieces.append(Piece(Change.REMOVED, " ".join(w for w, _ in quoted[i1:i2])))
        if tag in ("replace", "insert"):
            pieces.append(Piece(Change.ADDED, " ".join(w for w, _ in found[j1:j2])))
    return tuple(pieces)


def _resting_on(
    questionnaire: Questionnaire, quote_id: str
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Return the questions, criteria, outcomes and contacts that rest on a quote.

    A question, criterion or outcome rests on it when it cites it, or (criteria and
    outcomes) when its condition uses one that does; contacts are those such outcomes name.
    """
    questions = [q.id for q in questionnaire.questions if q.quote == quote_id]
    resting = set(questions)
    criteria: list[str] = []
    for criterion in questionnaire.criteria:  # in order: a criterion may use earlier ones
        if criterion.quote == quote_id or resting & set(names(criterion.when)):
            criteria.append(criterion.id)
            resting.add(criterion.id)
    outcomes = [
        o.id
        for o in questionnaire.outcomes
        if o.quote == quote_id or (o.when is not None and resting & set(names(o.when)))
    ]
    contacts = dict.fromkeys(c for o in outcomes for c in questionnaire.outcome(o).contacts)
    return tuple(questions), tuple(criteria), tuple(outcomes), tuple(contacts)


# --------------------------------------------------------------------------- which page


def which_page(
    text: str,
    directory: Directory,
    questionnaires: Sequence[Questionnaire],
    *,
    page: str | None = None,
    name: str | None = None,
    url: str | None = None,
    where: str = "",
) -> str:
    """Return the source id a fresh page is a copy of.

    In order: ``page`` (--page) as given; the source whose ``url`` is ``url``; the source
    whose id is the file's ``name`` (without suffix); else the one source most of whose
    quotes stand on the page as they are. Raises UsageError, naming the ids to choose
    from, when none of these tells.
    """
    ids = sorted(directory.sources)
    choices = ", ".join(ids) or "none"
    if page is not None:
        if page not in directory.sources:
            raise UsageError(
                f"--page {page}: no source page of that id (choose one of: {choices})",
                key="error_unknown_page",
                page=page,
                choices=choices,
            )
        return page
    for source in directory.sources.values():
        if url is not None and source.url is not None and source.url.rstrip("/") == url.rstrip("/"):
            return source.id
    if name is not None and name in directory.sources:
        return name
    flat = normalise(text)
    shares: dict[str, float] = {}
    for ident in ids:
        quotes = [q.text for qn in questionnaires for q in qn.quotes if q.page == ident]
        if quotes:
            shares[ident] = sum(normalise(q) in flat for q in quotes) / len(quotes)
    ranked = sorted(shares.items(), key=lambda item: -item[1])
    if (
        ranked
        and ranked[0][1] >= RECOGNISED_AT
        and (len(ranked) == 1 or ranked[1][1] < ranked[0][1])
    ):
        return ranked[0][0]
    raise UsageError(
        f"{where}: cannot tell which source page this is: pass --page ID "
        f"(one of: {choices}), or name the file after the source id",
        key="error_which_page",
        where=where,
        choices=choices,
    )
