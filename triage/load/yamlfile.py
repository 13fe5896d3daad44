"""Read YAML safely into plain data, remembering where every value stands.

Safe means: PyYAML's safe constructors only; anchors and aliases refused (so no
"billion laughs"); duplicate keys refused; a bounded file size; and YAML 1.2 scalars, so
``no``, ``on`` and ``15:30`` stay text instead of becoming ``False``, ``True`` and ``930``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml
import yaml.nodes

from triage.core.errors import Problem, QuestionnaireError

# Re-exported: the reading half, which needs no YAML library, lives in triage.load.document.
from triage.load.document import MAX_BYTES as MAX_BYTES
from triage.load.document import MAX_INT as MAX_INT
from triage.load.document import MAX_TEXT as MAX_TEXT
from triage.load.document import Document as Document
from triage.load.document import PathKey as PathKey
from triage.load.document import Position as Position
from triage.load.document import hidden_characters as hidden_characters
from triage.load.document import read_yaml as read_yaml
from triage.load.document import shorten as shorten

_BOOL_TAG = "tag:yaml.org,2002:bool"
_INT_TAG = "tag:yaml.org,2002:int"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans and integers, refusing anchors and aliases."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("aliases (*name) are not allowed: write the value out", event)
        if getattr(event, "anchor", None) is not None:
            raise _Refused("anchors (&name) are not allowed: write the value out", event)
        return super().compose_node(parent, index)


_SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL_TAG, _INT_TAG)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SafeLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_SafeLoader.add_implicit_resolver(
    _INT_TAG, re.compile(r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)$"), list("-+0123456789")
)


class _TooLarge(ValueError):
    """A whole number beyond MAX_INT."""


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    # Checked on the digits first: int() of a 5,000-digit decimal fails on its own limit.
    if len(text.lstrip("+-").removeprefix("0x").removeprefix("0o").lstrip("0")) > 15:
        raise _TooLarge
    if text.startswith("0x"):
        value = int(text, 16)
    elif text.startswith("0o"):
        value = int(text[2:], 8)
    else:
        value = int(text, 10)  # YAML 1.2: a leading zero is not octal
    if abs(value) >= MAX_INT:
        raise _TooLarge
    return value


_SafeLoader.add_constructor(_INT_TAG, _construct_int)


_FastLoader: type[_SafeLoader] | None = None


class _Divergent(Exception):
    """Text that libyaml reads differently from PyYAML, which is the reference."""


# Text libyaml reads differently from PyYAML, found by tests/test_properties.py: a byte-order
# mark inside the text (a marker to libyaml, content to PyYAML), tabs and block-scalar
# headers followed by '#' (PyYAML refuses some that libyaml accepts), and tags ('!' alone
# is text to libyaml, null to PyYAML). Such text takes the Python parser.
_DIVERGENT = re.compile(r"[\ufeff\t]|(?:^|[\s\[{,])!|[|>][-+0-9]*#")


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _CLoader(CParser, _SafeLoader):
        """``_SafeLoader`` on libyaml's C scanner and parser: about seven times faster.

        Composing stays in Python (``_SafeLoader.compose_node``), so anchors and aliases are
        refused, and deep nesting ends in RecursionError instead of overflowing the C stack
        as libyaml's own composer does.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        # CParser composes in C: take the Python composer's entry points back.
        get_single_node = yaml.composer.Composer.get_single_node
        get_node = yaml.composer.Composer.get_node
        check_node = yaml.composer.Composer.check_node

        _flow = 0  # how many flow collections ({…} or […]) enclose the current node

        def compose_sequence_node(self, anchor: Any) -> Any:
            return self._collection(super().compose_sequence_node, anchor)

        def compose_mapping_node(self, anchor: Any) -> Any:
            return self._collection(super().compose_mapping_node, anchor)

        def _collection(self, compose: Any, anchor: Any) -> Any:
            flow = bool(getattr(self.peek_event(), "flow_style", False))
            self._flow += flow
            try:
                return compose(anchor)
            finally:
                self._flow -= flow

        def compose_scalar_node(self, anchor: Any) -> Any:
            node = super().compose_scalar_node(anchor)
            if node.value == "" and not node.style:  # plain: libyaml says "", PyYAML None
                # An empty value: libyaml places some of them a column or line away.
                raise _Divergent
            if self._flow and not node.style and "?" in node.value:
                # `{nb: Hvilket?}`: libyaml reads the text, PyYAML refuses the '?'.
                raise _Divergent
            return node

    _FastLoader = _CLoader


_ALLOWED_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


class _Refused(Exception):
    def __init__(self, message: str, event: Any) -> None:
        super().__init__(message)
        self.message = message
        self.mark = event.start_mark


def parse_yaml(text: str, file: str) -> Document:
    """Parse YAML text into a located document."""
    if _FastLoader is not None and not _DIVERGENT.search(text):
        fast = _parse_fast(text, file)
        if fast is not None:
            return fast
    try:
        loader = _SafeLoader(text)
    except yaml.reader.ReaderError as error:
        raise QuestionnaireError([_reader_problem(file, text, error)]) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(file, None, {}, {})
        builder = _Builder(loader, file)
        data = builder.convert(node, ())
    except _Refused as refused:
        raise QuestionnaireError([_at_mark(file, refused.mark, refused.message)]) from None
    except yaml.MarkedYAMLError as error:
        raise QuestionnaireError([_syntax_problem(file, error)]) from None
    except yaml.reader.ReaderError as error:
        raise QuestionnaireError([_reader_problem(file, text, error)]) from None
    except (ValueError, OverflowError):
        # PyYAML's scanner calls chr() on a "\U…" escape without checking it (found by fuzzing).
        message = "an escape in a quoted text names no character (the highest is \\U0010FFFF)"
        hint = "write the character itself, or a smaller code"
        raise QuestionnaireError([_at_mark(file, loader.get_mark(), message, hint)]) from None
    except yaml.YAMLError as error:  # pragma: no cover - every PyYAML error above is marked
        raise QuestionnaireError([Problem(file, 0, 0, f"is not valid YAML: {error}")]) from None
    except RecursionError:
        raise QuestionnaireError(
            [Problem(file, 1, 1, "is nested too deeply", hint="flatten the structure")]
        ) from None
    finally:
        loader.dispose()
    if builder.problems:
        raise QuestionnaireError(builder.problems)
    return Document(file, data, builder.values, builder.keys)


def _parse_fast(text: str, file: str) -> Document | None:
    """Parse with libyaml; None for any problem, which the Python parser then words exactly."""
    assert _FastLoader is not None
    loader = None
    try:
        loader = _FastLoader(text)
        node = loader.get_single_node()
        if node is None:
            return Document(file, None, {}, {})
        builder = _Builder(loader, file)
        data = builder.convert(node, ())
    except Exception:  # any problem at all: the Python parser reproduces and words it
        return None
    finally:
        if loader is not None:
            loader.dispose()
    if builder.problems:
        return None
    return Document(file, data, builder.values, builder.keys)


def _reader_problem(file: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    line = text[: error.position].count("\n") + 1
    col = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
    message = f"contains a character YAML does not allow (code {chr(error.character)!r})"
    return Problem(file, line, col, message, hint="remove control characters")


def _at_mark(file: str, mark: Any, message: str, hint: str = "") -> Problem:
    return Problem(file, mark.line + 1, mark.column + 1, message, hint=hint)


def _syntax_problem(file: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "invalid YAML"
    hint = ""
    if "\\t" in problem or "tab" in problem:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "put text that contains ': ' in quotes"
    elif "but got '?'" in problem:
        hint = "put text that contains '?' in quotes"
    message = f"YAML syntax error: {problem}"
    if mark is None:  # pragma: no cover - PyYAML marks every syntax error
        return Problem(file, 0, 0, message, hint=hint)
    return _at_mark(file, mark, message, hint)


_PLAIN = (str, int, float, bool, dt.date, type(None))
_UNENCODABLE = re.compile("[\ud800-\udfff]")


class _Builder:
    def __init__(self, loader: _SafeLoader, file: str) -> None:
        self.loader = loader
        self.file = file
        self.values: dict[PathKey, Position] = {}
        self.keys: dict[PathKey, Position] = {}
        self.problems: list[Problem] = []

    def convert(self, node: yaml.Node, path: PathKey) -> object:
        self.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _ALLOWED_TAGS:
            self.problems.append(
                _at_mark(
                    self.file,
                    node.start_mark,
                    f"unsupported value: tag {node.tag!r}",
                    hint="remove the tag",
                )
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, object]:
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problems.append(
                    _at_mark(self.file, key_node.start_mark, "keys must be plain text")
                )
                continue
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = self.keys[(*path, key)][0]
                self.problems.append(
                    Problem(
                        self.file,
                        *where,
                        f"duplicate key '{key}' (first at line {first})",
                        hint="remove one of them",
                    )
                )
                continue
            self.keys[(*path, key)] = where
            result[key] = self.convert(value_node, (*path, key))
        return result

    def _unreadable(self, node: yaml.Node, error: Exception) -> Problem:
        shown = shorten(str(node.value))
        if node.tag == _TIMESTAMP_TAG:
            detail = f": {error}" if isinstance(error, ValueError) else ""
            message = f"{shown!r} is not a valid date or time{detail}"
            hint = "write a real date, e.g. 2026-11-23, or put the text in quotes"
        elif node.tag == _INT_TAG and isinstance(error, _TooLarge):
            message = f"number {shown!r} is too large: whole numbers must be below 10**15"
            hint = "use a smaller number, or put the text in quotes"
        else:
            message = f"{shown!r} does not fit its tag !!{node.tag.rsplit(':', 1)[-1]}"
            hint = "remove the tag, or put the text in quotes"
        return _at_mark(self.file, node.start_mark, message, hint)

    def _scalar(self, node: yaml.Node) -> object:
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as error:
            self.problems.append(
                _at_mark(self.file, node.start_mark, f"unsupported value: {error.problem}")
            )
            return None
        except (ValueError, LookupError, AttributeError, TypeError) as error:
            # How PyYAML's constructors fail on a value they cannot read: a date that cannot
            # be (2026-02-30), or an explicit tag on text that does not fit it (!!bool maybe).
            self.problems.append(self._unreadable(node, error))
            return None
        if not isinstance(value, _PLAIN) or (isinstance(value, float) and value != value):
            self.problems.append(
                _at_mark(self.file, node.start_mark, "unsupported value: use plain text")
            )
            return None
        if isinstance(value, str) and len(value) > MAX_TEXT:
            self.problems.append(
                _at_mark(
                    self.file,
                    node.start_mark,
                    f"text is {len(value):,} characters long: at most {MAX_TEXT:,} are allowed",
                    hint="shorten it, or link to a page that holds the rest",
                )
            )
            return None
        if isinstance(value, str) and not value.isascii() and _UNENCODABLE.search(value):
            # A lone surrogate ("\ud800") loads, then no output can encode it.
            bad = _UNENCODABLE.search(value)
            assert bad is not None
            self.problems.append(
                _at_mark(
                    self.file,
                    node.start_mark,
                    f"text contains an unpaired surrogate {bad.group()!a}, which cannot be shown",
                    hint="remove the \\u escape, or write the character itself",
                )
            )
            return None
        return value
