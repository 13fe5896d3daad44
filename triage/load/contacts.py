"""The contact directory (contacts.yaml) → model: key tables, contacts, hours."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from triage.core.errors import Problem, QuestionnaireError, Severity
from triage.core.hours import stale
from triage.core.model import Contact, Directory, Hours, Source
from triage.load import fields
from triage.load.checker import _Checker, _each, _suggest
from triage.load.document import PathKey, hidden_characters, read_yaml
from triage.load.fields import WEEKDAYS

# The key tables: key → required, from the one declaration of the format (fields.py).
DIRECTORY_KEYS = fields.DIRECTORY.keys
SOURCE_PAGE_KEYS = fields.SOURCE_PAGE.keys
CONTACT_KEYS = fields.CONTACT.keys
HOURS_KEYS = fields.HOURS.keys


# --------------------------------------------------------------------------- the directory


def check_directory(
    path: Path,
    display: str | None = None,
    *,
    recommended: tuple[str, ...] = (),
    now: dt.datetime | None = None,
) -> tuple[Directory, list[Problem]]:
    """Load a contacts file, returning what loaded and every problem found.

    Given ``now`` (the caller's clock), a contact checked or a source page retrieved more
    than 12 months before it is a warning at that date's line.
    """
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
    sources = _each(c, top, "sources", (), lambda d, p: _source_page(c, d, p, now))
    c.unique(((s.id, ("sources", i, "id")) for i, s in enumerate(sources)), "source")
    source_ids = {s.id for s in sources}
    contacts = _each(c, top, "contacts", (), lambda d, p: _contact(c, d, p, source_ids, now))
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


def _source_page(
    c: _Checker, data: object, path: PathKey, now: dt.datetime | None = None
) -> Source | None:
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
    if retrieved is not None and now is not None and stale(retrieved, now):
        c.warn(
            (*path, "retrieved"),
            f"source '{ident or '?'}' was retrieved {retrieved.isoformat()}, "
            "more than 12 months ago",
            hint=f"save the page again, compare it with 'triage sources check FILE --page "
            f"{ident}', then set 'retrieved' to that day",
        )
    return Source(ident, title, publisher, published, changed, retrieved, url, note)


def _contact(
    c: _Checker,
    data: object,
    path: PathKey,
    sources: set[str],
    now: dt.datetime | None = None,
) -> Contact | None:
    item = c.mapping(data, path, CONTACT_KEYS, "a contact")
    if item is None:
        return None
    ident, name = c.ident(item, "id", path), c.string(item, "name", path)
    role, organisation = c.text(item, "role", path), c.string(item, "organisation", path)
    source, checked = c.string(item, "source", path), c.date(item, "checked", path)
    if checked is not None and now is not None and stale(checked, now):
        c.warn(
            (*path, "checked"),
            f"contact '{ident or '?'}' was checked {checked.isoformat()}, more than 12 months ago",
            hint="check the details against the source (or the service), then set 'checked' "
            "to that day",
        )
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
