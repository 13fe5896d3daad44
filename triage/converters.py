"""Command-line values converted without pydantic, so a run starts about 100 ms sooner.

Typer 0.29 converts every parameter value through a pydantic ``TypeAdapter``, even a
``--help`` flag that was not given, so every command pays for importing pydantic: more
than loading, checking and deciding a questionnaire together. triage's parameters are
text, flags, plain paths and enums, which need no validation library. ``lighten`` gives
each parameter a converter that handles those the way Typer does (the same path checks,
the same choice matching) and hands anything else to Typer's own converter, built only
then. A Typer without these internals is left alone: it is then merely slower.

Why not Typer's public API alone: it has no hook for a parameter's conversion, and the
conversion is what imports pydantic. So pyproject.toml pins Typer to the tested minor series
(``>=0.29,<0.30``); CI installs the newest release in it, and ``tests/test_converters.py``
checks that these converters give what Typer's own give. ``benchmarks/bench.py`` shows the
start-up gain.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from pathlib import Path
from typing import Any, get_args, get_origin

_UNSUPPORTED = object()


def lighten(params: Iterable[Any]) -> None:
    """Give each Typer parameter not yet converting a converter that needs no pydantic."""
    converter = _converter_class()
    if converter is None:
        return
    for param in params:
        if getattr(param, "_runtime_param", False) is not None:
            continue  # converting already, or not a Typer parameter
        try:
            descriptor = param.type_descriptor
            light = converter(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
            )
        except (AttributeError, TypeError):  # pragma: no cover - Typer's internals changed
            return
        param._runtime_param = light


_CLASS: list[Any] = []


def _converter_class() -> Any:
    """Return the converter class, or None for a Typer without pydantic conversion."""
    if _CLASS:
        return _CLASS[0]
    try:
        from dataclasses import dataclass

        from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    except ImportError:  # pragma: no cover - a Typer without this module converts with click
        _CLASS.append(None)
        return None

    class PlainRuntimeParam(RuntimeParam):
        """Convert text, flags, plain paths and enums; leave the rest to Typer."""

        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                converted = convert(self.annotation, self.parameter_info, value, param, ctx)
            except ImportError:  # pragma: no cover - Typer's helpers moved
                converted = _UNSUPPORTED
            if converted is not _UNSUPPORTED:
                return converted
            typer_converter = build_runtime_param(self.descriptor)
            return typer_converter._coerce_value(value, param=param, ctx=ctx)

    try:
        made: Any = dataclass(frozen=True)(PlainRuntimeParam)
    except TypeError:  # pragma: no cover - RuntimeParam is no longer a plain dataclass
        made = None
    _CLASS.append(made)
    return made


def convert(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    """Convert one value as Typer would, or return ``_UNSUPPORTED``."""
    if getattr(info, "parser", None) is not None:
        return _UNSUPPORTED
    if get_origin(annotation) is list and isinstance(value, list | tuple):
        (item_type,) = get_args(annotation)
        items = [convert(item_type, info, item, param, ctx) for item in value]
        return _UNSUPPORTED if _UNSUPPORTED in items else items
    if annotation in (str, bool) and isinstance(value, annotation):
        return value
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return _choice(annotation, info, value, param, ctx)
    if (
        isinstance(annotation, type)
        and issubclass(annotation, Path)
        and info.path_type is None
        and isinstance(value, str | Path)
    ):
        from typer._param_types import coerce_cli_path

        # A Path already made skips Typer's pydantic step; its checks (exists, readable, …) run.
        return coerce_cli_path(annotation(value), info, path_type=annotation, param=param, ctx=ctx)
    return _UNSUPPORTED


def _choice(annotation: type[enum.Enum], info: Any, value: Any, param: Any, ctx: Any) -> Any:
    from typer import BadParameter
    from typer._param_types import coerce_cli_choice

    try:
        return coerce_cli_choice(
            value, choices=tuple(annotation), case_sensitive=info.case_sensitive, ctx=ctx
        )
    except ValueError as error:
        raise BadParameter(str(error), ctx=ctx, param=param) from None
