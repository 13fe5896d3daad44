"""The shipped files' parsed form, built with the wheel, so reading them needs no YAML.

Every run reads the same shipped YAML files; importing PyYAML and parsing them took about a
fifth of a run from an answers file. When the wheel is built (``setup.py``'s build step, also
for ``pip install -e .``), ``build`` writes each shipped file's located document as plain
JSON into ``parsed/`` beside the files, keyed by triage's version and the length and
CRC-32 of the file's bytes. ``cached`` serves a shipped file from it only when both match:
a changed file, another version, a missing or unreadable parsed file all fall back to
reading the YAML.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path

from triage.load.document import Document, PathKey, Position

#: The folder beside the shipped files that holds their parsed form.
FOLDER = "parsed"
#: The layout of a parsed file; a new layout is a new number.
FORMAT = 1


def parsed_file(path: Path) -> Path:
    """Return where the parsed form of the YAML file ``path`` is kept."""
    return path.parent / FOLDER / f"{path.name}.json"


def cached(path: Path, raw: bytes, name: str) -> Document | None:
    """Return the document of a shipped file from its parsed form, or None to read the YAML."""
    from triage.load.catalog import resolved, shipped_dir

    if resolved(path.parent) != resolved(shipped_dir()):
        return None
    return lookup(parsed_file(path), raw, name)


def key(raw: bytes) -> str:
    """Return the key of a file's content: triage's version, its length and its CRC-32.

    The key tells an edited file from the one the parsed form was made from; it guards
    against mistakes, not against an attacker (whoever can write the parsed file can write
    the YAML too). CRC-32 from zlib, not SHA-256: hashlib loads OpenSSL, ~8 ms per run.
    """
    import zlib

    from triage import __version__

    return f"{__version__}:{len(raw)}:{zlib.crc32(raw):08x}"


def lookup(parsed: Path, raw: bytes, name: str) -> Document | None:
    """Return the document kept in ``parsed`` if it was made from ``raw``, else None.

    ``name`` is the file's name as shown in messages. Anything unexpected in the parsed
    file (missing, unreadable, another layout, not the shape written) gives None.
    """
    try:
        kept = json.loads(parsed.read_bytes())
        if kept.get("format") != FORMAT or kept.get("key") != key(raw):
            return None
        data = kept["data"]
        for where in kept["dates"]:
            *parents, last = where
            holder = data
            for step in parents:
                holder = holder[step]
            holder[last] = dt.date.fromisoformat(holder[last])
        return Document(name, data, _positions(kept["values"]), _positions(kept["keys"]))
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def _positions(rows: list[list[object]]) -> dict[PathKey, Position]:
    table: dict[PathKey, Position] = {}
    for path, line, col in rows:
        if not isinstance(path, list) or not isinstance(line, int) or not isinstance(col, int):
            raise TypeError("not a position")
        table[tuple(path)] = (line, col)
    return table


def encode(doc: Document, raw: bytes) -> str | None:
    """Return the parsed form of a document read from ``raw``; None if it holds a value
    JSON cannot carry back unchanged (such a file is always read from its YAML)."""
    dates: list[list[str | int]] = []
    if not _plain(doc.data, [], dates):
        return None
    kept = {
        "format": FORMAT,
        "key": key(raw),
        "data": doc.data,
        "values": _rows(doc.values),
        "keys": _rows(doc.keys),
        "dates": dates,
    }
    return json.dumps(kept, ensure_ascii=False, default=_iso, separators=(",", ":")) + "\n"


def _rows(table: Mapping[PathKey, Position]) -> list[list[object]]:
    return [[list(path), line, col] for path, (line, col) in table.items()]


def _iso(value: object) -> str:
    assert type(value) is dt.date  # _plain let no other kind of value through
    return value.isoformat()


def _plain(value: object, path: list[str | int], dates: list[list[str | int]]) -> bool:
    """Tell whether JSON gives ``value`` back unchanged (dates: listed in ``dates``)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v, [*path, k], dates) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(item, [*path, i], dates) for i, item in enumerate(value))
    if type(value) is dt.date:
        dates.append(path)
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    return value is None or type(value) in (str, int, bool)


def build(files: Iterable[Path], folder: Path) -> list[Path]:
    """Write the parsed form of each YAML file into ``folder``; return the files written.

    A file that does not read cleanly, or holds a value JSON cannot carry, gets none
    (it is then read from its YAML, with its problems reported as usual).
    """
    from triage.core.errors import QuestionnaireError
    from triage.load.yamlfile import parse_yaml

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path in files:
        raw = path.read_bytes()
        try:
            doc = parse_yaml(raw.decode("utf-8-sig"), path.name)
        except (QuestionnaireError, UnicodeDecodeError):
            continue
        text = encode(doc, raw)
        if text is None:
            continue
        target = folder / f"{path.name}.json"
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
