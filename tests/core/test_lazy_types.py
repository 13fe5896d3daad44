"""Types created when first used are still importable from the modules that name them."""

from __future__ import annotations

import importlib

import pytest

from triage.core import codes, results, review

#: Each module, and the types it re-exports from the module that creates them on first use.
REEXPORTED = {
    "triage.core.engine": (
        results,
        ("Branch", "CriterionResult", "Decision", "LegalResult", "NoteResult", "OpenQuestion"),
    ),
    "triage.core.routing": (results, ("Step",)),
    "triage.core.hours": (results, ("Opening",)),
    "triage.core.interview": (review, ("Review", "Row")),
    "triage.core.kinds": (codes, ("Code",)),
}


@pytest.mark.parametrize("module_name", sorted(REEXPORTED))
def test_a_lazily_made_type_is_the_same_class_from_either_module(module_name: str) -> None:
    """'from triage.core.engine import Decision' (and the like) gives the one class."""
    module = importlib.import_module(module_name)
    home, names = REEXPORTED[module_name]
    for name in names:
        assert getattr(module, name) is getattr(home, name)


@pytest.mark.parametrize("module_name", sorted(REEXPORTED))
def test_an_unknown_name_is_still_an_attribute_error(module_name: str) -> None:
    """The lazy lookup answers only for its own types: other names fail as before."""
    module = importlib.import_module(module_name)
    with pytest.raises(AttributeError, match="no_such_name"):
        module.no_such_name  # noqa: B018 - the lookup is what is tested
