"""A located-validation toolkit: walk a YAML document, report problems with file:line:col and a
did-you-mean hint."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from triage.core import conditions as cond
from triage.core.errors import Problem, Severity
from triage.core.model import DEFAULT_LANG, Text
from triage.load.document import Document, PathKey

T = TypeVar("T")

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


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
                from difflib import get_close_matches  # loaded only to suggest

                close = get_close_matches(key, list(keys), n=1)
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


def _suggest(name: str, known: Iterable[str], where: str) -> str:
    from difflib import get_close_matches  # loaded only to suggest

    close = get_close_matches(name, list(known), n=1)
    return f"did you mean '{close[0]}'?" if close else f"define it in {where}"


def _enum(
    c: _Checker, item: dict[str, object], key: str, path: PathKey, enum_type: type[T], what: str
) -> T | None:
    value = item.get(key)
    if value is None:
        return None
    allowed = [member.value for member in enum_type]  # type: ignore[attr-defined]
    if value not in allowed:
        from difflib import get_close_matches  # loaded only to suggest

        close = get_close_matches(str(value), allowed, n=1)
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
