"""The top-level help (``triage --help``), written without loading Typer.

Typer's import and the building of every command from its declarations are most of what
``triage --help`` costs, and the page is a fixed layout: usage, what triage does, the three
options, the commands, the questionnaires in use. ``top_help`` lays it out as click's help
formatter does (width, wrapping, columns); every text it wraps is one of triage's own in
``triage.render.i18n`` (the questionnaires' names and titles come pre-wrapped), so
``tests/test_direct.py`` can compare it with Typer's page for every width and language.
The Typer group (``triage.help``) shows the same epilog from ``questionnaires_epilog``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from triage.core.errors import TriageError
from triage.output import catalog_in_use

#: The commands ``--help`` lists, in the order triage.cli declares them (``run`` is hidden);
#: a new command goes here too, with its ``cmd_NAME_short`` text in i18n.
LISTED = (
    "help",
    "list",
    "validate",
    "test",
    "schema",
    "contacts",
    "explain",
    "export",
    "demo",
    "start",
    "sources",
)
#: The top-level options, with the key of each one's help text.
OPTIONS = (("--version", "opt_version"), ("--lang nb|en", "opt_lang"), ("-h, --help", "opt_help"))


def questionnaires_epilog(lang: str) -> str:
    """Return the questionnaires in use, with their names and titles wrapped, for --help."""
    import shutil
    import textwrap

    from triage.render.i18n import t

    try:
        from triage.core.errors import escape_controls
        from triage.load.document import read_yaml

        catalog = catalog_in_use(None)
        rows = []
        for ident, path in catalog.files().items():
            data = read_yaml(path).data
            top: dict[str, Any] = data if isinstance(data, dict) else {}
            titles = top.get("title")
            title = titles.get(lang) or titles.get("nb") if isinstance(titles, dict) else ""
            aliases = top.get("aliases")
            names = ", ".join(map(str, [ident, *(aliases if isinstance(aliases, list) else [])]))
            rows.append(
                (escape_controls(names), escape_controls(str(title)))
            )  # file text: no escapes
    except TriageError:
        rows = []
    width = min(shutil.get_terminal_size((80, 24)).columns, 80) - 2  # as click's help
    column = max((len(names) for names, _ in rows), default=0) + 4
    lines = textwrap.wrap(t("help_questionnaires", lang), width, break_on_hyphens=False)
    for names, title in rows:
        lines += textwrap.wrap(
            title,
            max(width, column + 20),
            initial_indent=f"  {names}".ljust(column),
            subsequent_indent=" " * column,
            break_on_hyphens=False,
        )
    # \b keeps click from rewrapping the lines into one paragraph.
    return "\b\n" + "\n".join(lines)


def top_help(lang: str, prog: str = "triage") -> str:
    """Return ``triage --help``'s page in ``lang``, as Typer's group shows it."""
    import inspect
    import shutil

    from triage.render.i18n import t

    width = max(min(shutil.get_terminal_size().columns, 80) - 2, 50)
    out: list[str] = []
    prefix = f"{t('usage_prefix', lang)} {prog} "
    args = f"{t('usage_options', lang)} {t('usage_command', lang)}"
    if width >= len(prefix) + 20:
        out.append(_wrap(args, width, prefix, " " * len(prefix)) + "\n")
    else:
        indent = " " * (len(t("usage_prefix", lang)) + 1 + 4)
        out.append(prefix + "\n" + _wrap(args, width, indent, indent) + "\n")
    text = inspect.cleandoc(t("cmd_triage", lang)).partition("\f")[0]
    out.append("\n" + _paragraphs(text, width, "  ") + "\n")
    options = [(term, t(key, lang)) for term, key in OPTIONS]
    out.append("\n" + f"{t('help_options', lang)}:\n" + _columns(options, width))
    commands = [(name, t(f"cmd_{name}_short", lang)) for name in LISTED]
    out.append("\n" + f"{t('help_commands', lang)}:\n" + _columns(commands, width))
    epilog = "\n\n".join(
        (questionnaires_epilog(lang), t("help_keys", lang), t("help_epilog", lang))
    )
    out.append("\n" + _paragraphs(inspect.cleandoc(epilog), width, "  ") + "\n")
    return "".join(out).rstrip("\n")


@functools.cache
def _wrapper_class() -> Any:
    """Return textwrap's wrapper as click's help wraps: a word too long is cut at the edge."""
    import textwrap

    class Wrapper(textwrap.TextWrapper):
        def _handle_long_word(
            self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int
        ) -> None:
            space_left = max(width - cur_len, 1)
            last = reversed_chunks[-1]
            cur_line.append(last[:space_left])
            reversed_chunks[-1] = last[space_left:]

    return Wrapper


def _wrap(text: str, width: int, first: str, rest: str) -> str:
    wrapper = _wrapper_class()(width, initial_indent=first, subsequent_indent=rest)
    wrapper.replace_whitespace = False
    return str(wrapper.fill(text.expandtabs()))


def _paragraphs(text: str, width: int, indent: str = "") -> str:
    """Wrap ``text`` paragraph by paragraph; a paragraph opened by '\\b' keeps its lines."""
    blocks: list[tuple[int, bool, str]] = []
    lines: list[str] = []
    margin: int | None = None

    def flush() -> None:
        if lines:
            raw = lines[0].strip() == "\b"
            blocks.append((margin or 0, raw, "\n".join(lines[1:]) if raw else " ".join(lines)))
            lines.clear()

    for line in text.expandtabs().splitlines():
        if not line:
            flush()
            margin = None
            continue
        if margin is None:
            margin = len(line) - len(line.lstrip())
            line = line.lstrip()
        lines.append(line)
    flush()
    done = []
    for extra, raw, block in blocks:
        first = rest = indent + " " * extra
        if raw:
            done.append("\n".join(first + line for line in block.splitlines()))
        else:
            done.append(_wrap(block, width, first, rest))
    return "\n\n".join(done)


def _columns(rows: Sequence[tuple[str, str]], width: int, indent: int = 2) -> str:
    """Lay out (term, text) rows in two columns, as click's definition lists."""
    first_col = min(max(len(term) for term, _ in rows), 30) + 2
    out = []
    for term, text in rows:
        line = " " * indent + term
        if not text:
            out.append(line + "\n")
            continue
        if len(term) <= first_col - 2:
            line += " " * (first_col - len(term))
        else:
            line += "\n" + " " * (first_col + indent)
        wrapped = _paragraphs(text, max(width - first_col - 2, 10)).splitlines()
        out.append(line + wrapped[0] + "\n")
        out += [" " * (first_col + indent) + more + "\n" for more in wrapped[1:]]
    return "".join(out)
