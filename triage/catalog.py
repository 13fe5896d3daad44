"""Where questionnaires come from: the shipped folder, plus any folders the user adds."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from triage.errors import QuestionnaireError, UsageError
from triage.loader import (
    CONTACTS_FILE,
    load_directory,
    load_questionnaire,
    questionnaire_files,
    shipped_dir,
)
from triage.model import Directory, Questionnaire
from triage.routing import check_chain, targets


@dataclass(frozen=True, slots=True)
class Catalog:
    """An ordered list of folders; a later folder's files override earlier ones by id."""

    folders: tuple[Path, ...] = field(default_factory=lambda: (shipped_dir(),))

    def files(self) -> dict[str, Path]:
        """Return questionnaire id (the file's stem) → file, later folders winning."""
        found: dict[str, Path] = {}
        for folder in self.folders:
            for path in questionnaire_files(folder):
                found[path.stem] = path
        return dict(sorted(found.items()))

    def directory(self) -> Directory:
        """Load the contacts files of all folders; later ones override by id."""
        return load_directory(
            folder / CONTACTS_FILE for folder in self.folders if (folder / CONTACTS_FILE).exists()
        )

    def path(self, questionnaire_id: str) -> Path:
        """Return the file of a questionnaire; UsageError listing the known ids if none."""
        files = self.files()
        if questionnaire_id not in files:
            known = ", ".join(files) or "none"
            raise UsageError(
                f"no questionnaire '{questionnaire_id}' (available: {known}; see 'triage list')"
            )
        return files[questionnaire_id]

    def load(self, questionnaire_id: str, directory: Directory | None = None) -> Questionnaire:
        """Load one questionnaire by id against the catalog's contact directory."""
        files = self.files()
        return load_questionnaire(
            self.path(questionnaire_id), directory or self.directory(), known=files
        )

    def chain(
        self, questionnaire_id: str, directory: Directory | None = None
    ) -> dict[str, Questionnaire]:
        """Load a questionnaire and every one its outcomes continue with, first one first.

        Raises QuestionnaireError if a target is missing, the chain loops, or a question id
        shared along the chain would carry an answer that does not fit.
        """
        directory = directory or self.directory()
        chain: dict[str, Questionnaire] = {}
        todo = [questionnaire_id]
        while todo:
            ident = todo.pop(0)
            if ident in chain:
                continue
            chain[ident] = self.load(ident, directory)
            todo.extend(targets(chain[ident]))
        problems = check_chain(chain, questionnaire_id)
        if problems:
            raise QuestionnaireError(problems)
        return chain
