"""Where questionnaires come from: the shipped folder, plus any folders the user adds."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from triage.core.errors import Problem, QuestionnaireError, UnknownQuestionnaire, UsageError

if TYPE_CHECKING:
    # Loaded by the methods that load: 'triage --help' lists the files without the model.
    from triage.core.model import Directory, Questionnaire

CONTACTS_FILE = "contacts.yaml"
CASES_SUFFIX = ".cases.yaml"


# --------------------------------------------------------------------------- catalogue


def shipped_dir() -> Path:
    """Return the folder of shipped questionnaires (inside the wheel, or the source tree)."""
    here = Path(__file__).resolve().parent.parent
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


@dataclass(frozen=True, slots=True)
class Entry:
    """A questionnaire in the catalog: its file, and the files of the same id it overrides."""

    id: str
    path: Path
    overrides: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalog:
    """An ordered list of folders; a later folder's files override earlier ones by id."""

    folders: tuple[Path, ...] = field(default_factory=lambda: (shipped_dir(),))

    @classmethod
    def with_folders(cls, added: Iterable[Path], *, only: bool = False) -> Catalog:
        """Return the shipped folder followed by ``added`` (or ``added`` alone if ``only``).

        A folder named twice counts where it was named last, so it wins over the others.
        Raises UsageError for a folder that does not exist, or ``only`` without a folder.
        """
        folders: dict[Path, Path] = {}
        for folder in added:
            kind = _kind(folder, "questionnaire folder ")
            if kind != "folder":
                what = "is a file, not a folder" if kind == "file" else "no such folder"
                raise UsageError(
                    f"questionnaire folder {folder}: {what}",
                    key="error_folder_is_file" if kind == "file" else "error_no_such_folder",
                    folder=folder,
                )
            folders.pop(resolved(folder), None)
            folders[resolved(folder)] = folder
        if only and not folders:
            raise UsageError(
                "--only needs a folder: add --questionnaires DIR (or set TRIAGE_QUESTIONNAIRES)",
                key="error_only_needs_folder",
            )
        shipped = shipped_dir()
        if only:
            return cls(tuple(folders.values()))
        return cls((shipped, *(f for key, f in folders.items() if key != resolved(shipped))))

    def including(self, folders: Iterable[Path]) -> Catalog:
        """Return this catalog with ``folders`` added after its own (each once)."""
        known = {resolved(folder) for folder in self.folders}
        added = []
        for folder in folders:
            if resolved(folder) not in known:
                known.add(resolved(folder))
                added.append(folder)
        return Catalog((*self.folders, *added))

    def entries(self) -> dict[str, Entry]:
        """Return questionnaire id (the file's stem) → entry, later folders winning."""
        found: dict[str, Entry] = {}
        for folder in self.folders:
            for path in questionnaire_files(folder):
                earlier = found.get(path.stem)
                overrides = () if earlier is None else (*earlier.overrides, earlier.path)
                found[path.stem] = Entry(path.stem, path, overrides)
        return dict(sorted(found.items()))

    def files(self) -> dict[str, Path]:
        """Return questionnaire id (the file's stem) → file, later folders winning."""
        return {ident: entry.path for ident, entry in self.entries().items()}

    def is_shipped(self, path: Path) -> bool:
        """Tell whether a file comes from the shipped folder."""
        return resolved(path).parent == resolved(shipped_dir())

    def contacts_files(self) -> list[Path]:
        """Return the contacts files of the folders, in order."""
        return [
            folder / CONTACTS_FILE
            for folder in self.folders
            if _kind(folder / CONTACTS_FILE) != "missing"
        ]

    def directory(self) -> Directory:
        """Load the contacts files of all folders; later ones override by id."""
        from triage.load.contacts import load_directory

        return load_directory(self.contacts_files())

    def aliases(self) -> dict[str, str]:
        """Return alias → questionnaire id, from each file's ``aliases`` list.

        Only the top-level list is read, so an alias costs no full load. Raises UsageError
        when two questionnaires claim one name (``triage validate`` names the files).
        """
        from triage.load.document import read_yaml

        files = self.files()
        found: dict[str, str] = {}
        for ident, path in files.items():
            try:
                data = read_yaml(path).data
            except QuestionnaireError:
                continue  # a broken file answers to no alias; loading it by id says why
            raw = data.get("aliases") if isinstance(data, dict) else None
            for alias in raw if isinstance(raw, list) else []:
                if not isinstance(alias, str) or alias in files:
                    continue
                if found.setdefault(alias, ident) != ident:
                    raise UsageError(
                        f"the name '{alias}' is an alias of both '{found[alias]}' and '{ident}' "
                        f"(remove it from one of {files[found[alias]]} and {path})"
                    )
        return found

    def resolve(self, name: str) -> str:
        """Return the questionnaire id ``name`` stands for: an id, or else an alias."""
        if name in self.files():
            return name
        return self.aliases().get(name, name)

    def path(self, questionnaire_id: str) -> Path:
        """Return the file of a questionnaire by id or alias; UsageError listing them if none."""
        files = self.files()
        ident = questionnaire_id if questionnaire_id in files else self.resolve(questionnaire_id)
        if ident not in files:
            raise UnknownQuestionnaire(questionnaire_id, tuple(files), tuple(self.aliases()))
        return files[ident]

    def load(self, questionnaire_id: str, directory: Directory | None = None) -> Questionnaire:
        """Load one questionnaire by id against the catalog's contact directory."""
        from triage.load.questionnaire import load_questionnaire

        files = self.files()
        path = self.path(questionnaire_id)
        questionnaire = load_questionnaire(path, directory or self.directory(), known=files)
        if questionnaire.id != path.stem:
            # Found by its file name, it must carry that id, or hand-overs and answers
            # files would name one questionnaire and get another.
            raise QuestionnaireError(
                [
                    Problem(
                        questionnaire.path,
                        0,
                        0,
                        f"id '{questionnaire.id}' does not match the file name '{path.name}'",
                        hint=f"rename the file to {questionnaire.id}.yaml, or change the id",
                    )
                ]
            )
        return questionnaire

    def chain(
        self, questionnaire_id: str, directory: Directory | None = None
    ) -> dict[str, Questionnaire]:
        """Load a questionnaire and every one its outcomes continue with, first one first.

        Raises QuestionnaireError if a target is missing, the chain loops, or a question id
        shared along the chain would carry an answer that does not fit.
        """
        from triage.core.routing import MAX_CHAIN, check_chain, targets, too_long

        directory = directory or self.directory()
        questionnaire_id = self.resolve(questionnaire_id)
        chain: dict[str, Questionnaire] = {}
        todo = [questionnaire_id]
        while todo:
            ident = todo.pop(0)
            if ident in chain:
                continue
            if len(chain) == MAX_CHAIN:
                raise QuestionnaireError([too_long(chain[questionnaire_id])])
            chain[ident] = self.load(ident, directory)
            todo.extend(targets(chain[ident]))
        problems = check_chain(chain, questionnaire_id)
        if problems:
            raise QuestionnaireError(problems)
        return chain


def expand(paths: Sequence[Path]) -> list[Path]:
    """Return the YAML files named by ``paths``: files as given, folders' files sorted.

    Raises UsageError for a path that does not exist.
    """
    files: list[Path] = []
    for path in paths:
        kind = _kind(path)
        if kind == "folder":
            files.extend(sorted(path.glob("*.yaml")))
        elif kind == "file":
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return list(dict.fromkeys(files))


def resolved(path: Path) -> Path:
    """Return the absolute path with links followed as far as they go (never raises).

    A symlink loop or an unreadable folder leaves the rest of the path as it is written.
    """
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop, before Python 3.13
        return path.absolute()


def _kind(path: Path, what: str = "") -> str:
    """Tell whether ``path`` is a folder, a file (of any kind) or missing.

    Raises UsageError, one line, for a path that cannot be looked at: a name too long, a
    folder without search permission, a symlink loop.
    """
    try:
        os.stat(path)  # noqa: PTH116 - a Path's own checks hide the errno we report
    except FileNotFoundError:
        return "missing"
    except OSError as error:
        if error.errno == errno.ENOTDIR:
            return "missing"
        reason = error.strerror or "cannot be read"
        raise UsageError(f"{what}{_shown(path)}: {reason.lower()}") from None
    return "folder" if path.is_dir() else "file"


def _shown(path: Path) -> str:
    text = str(path)
    return text if len(text) <= 80 else f"{text[:40]}…{text[-30:]}"


def questionnaire_of(cases: Path) -> Path:
    """Return the questionnaire file a cases file belongs to (beside it)."""
    return cases.with_name(cases.name.removesuffix(CASES_SUFFIX) + ".yaml")
