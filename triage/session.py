"""The run use case: load a chain, ask what is missing, follow hand-overs, offer to save.

The command line parses arguments, calls ``Session.run`` and picks exit codes; this module
decides when to ask and when to refuse (--no-input), what Ctrl-C and end of input mean,
and keeps typed answers when something fails. It speaks only through the asker and the
callbacks the command line passes in (``Edge``), and returns the decision to deliver.
"""

from __future__ import annotations

import contextlib
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from triage.core.errors import AnswersError, NoTerminalError, TriageError, UsageError

if TYPE_CHECKING:
    from triage.core.engine import Decision
    from triage.core.interview import Asker
    from triage.core.model import AnswerValue, Directory, Questionnaire
    from triage.core.routing import Entry
    from triage.core.signals import Interrupted, Origin
    from triage.load.catalog import Catalog

NO_TERMINAL = "no terminal to ask in: pass --answers FILE --no-input to run without one"


class Stopped(Exception):
    """The person stopped the run (Ctrl-C, end of input); what to say has been said."""


@dataclass(frozen=True, slots=True)
class Edge:
    """What a session needs from the command line: how to ask, load, and speak."""

    #: Return an asker; True asks for the plain one (no terminal, --plain, TERM=dumb).
    make_asker: Callable[[bool], Asker]
    #: Whether a person can answer here (standard input and output are terminals).
    has_terminal: Callable[[], bool]
    #: Whether standard input is a terminal (end of input on a pipe is no interrupt).
    stdin_is_terminal: Callable[[], bool]
    #: Return the catalog of questionnaire folders in use.
    catalog: Callable[[], Catalog]
    #: Return the console hand-over panels are printed on.
    screen: Callable[[], Any]
    #: Say a message to the person (stderr, wrapped).
    say: Callable[[str], None]
    #: Print one line as it is (stderr): answers, a command to copy.
    line: Callable[[str], None]
    #: Whether the terminal can show only plain text (TERM=dumb): the plain asker then.
    dumb_terminal: Callable[[], bool]


@dataclass(frozen=True, slots=True)
class Request:
    """A run as the command line asked for it."""

    questionnaire_id: str
    #: What the person typed to start the run (``start`` for the router).
    command: str
    lang: str
    answers_file: Path | None = None
    set_values: tuple[str, ...] = ()
    no_input: bool = False
    plain: bool = False
    #: Hand-overs are shown on the screen (a Rich report or a note written to a file).
    on_screen: bool = True
    output: Path | None = None
    force: bool = False
    folders: tuple[Path, ...] = ()
    only: bool = False


@dataclass(frozen=True, slots=True)
class Result:
    """What to deliver: the decision, the contacts, and whether anybody typed an answer."""

    decision: Decision
    directory: Directory
    typed: bool


class Session:
    """One run of a questionnaire chain; ``run`` returns the result or raises."""

    def __init__(self, request: Request, edge: Edge) -> None:
        self.request = request
        self.edge = edge
        self.language = request.lang
        self.asker: Asker | None = None
        # Every answer so far, across hand-overs to other questionnaires, so Ctrl-C loses nothing.
        self.given: dict[str, AnswerValue] = {}
        self.origins: dict[str, Origin] = {}
        self.interactive = not request.no_input and edge.has_terminal()
        # The person's reply to "ask the «Vet ikke» answers again?" (asked once per run).
        self.reask: list[bool] = []
        # Whether anything was asked in this run (nothing asked: nothing new to offer to save).
        self.interviewed = False
        self.resume = resume_options(request.folders, request.only)

    @property
    def typed(self) -> bool:
        """Whether the person typed any answer in this run."""
        from triage.core.signals import Origin

        return Origin.TYPED in self.origins.values()

    def keep_answers(self) -> None:
        """Something failed after the interview: the typed answers must not go with it."""
        if self.typed:
            self._print_answers(self.given)

    def deliver(self, result: Result, show: Callable[[Result], None]) -> None:
        """Show ``result`` with ``show``; if that fails, print the typed answers first.

        Raises the TriageError ``show`` raised, or one naming an unexpected error once answers
        were typed (with nothing typed, that error is a bug and surfaces as it is).
        """
        from triage.render.i18n import t
        from triage.render.words import inert

        try:
            show(result)
        except TriageError:
            self.keep_answers()
            raise
        except Exception as error:  # a bug, but answers someone typed must survive it first
            if not result.typed:
                raise
            self.keep_answers()
            text = inert(f"{type(error).__name__}: {error}")
            raise TriageError(t("report_failed", self.language, error=text)) from error

    def run(self) -> Result:
        """Ask, follow hand-overs, offer to save; raise TriageError (answers kept) or Stopped."""
        from triage.core.signals import Interrupted

        try:
            return self._run()
        except Interrupted as stop:
            if (
                stop.eof
                and not (stop.typed or self.interviewed)
                and not self.edge.stdin_is_terminal()
            ):
                raise NoTerminalError(NO_TERMINAL, key="error_no_terminal") from None
            stop.answers = {**self.given, **stop.answers}
            self._interrupted(stop)
        except TriageError:
            self.keep_answers()
            raise

    def _run(self) -> Result:
        from triage.core.routing import answer_space, follow
        from triage.core.signals import Origin
        from triage.load.answers import load_answers

        request = self.request
        if request.output is not None:
            from triage.files import check_writable

            # Before the interview, so that nobody answers questions for a file we cannot write.
            check_writable(request.output, overwrite=request.force)
        catalog = self.edge.catalog()
        directory = catalog.directory()
        chain = catalog.chain(request.questionnaire_id, directory)
        chain = self._mark_overrides(chain, catalog)
        # An answers file or --set may answer any questionnaire the outcomes continue with.
        space = answer_space(chain.values())
        ids = tuple(chain)
        file = request.answers_file
        answers = load_answers(file, space, ids=ids) if file else {}
        self.origins.update(dict.fromkeys(answers, Origin.FILE))
        preset = parse_sets(request.set_values, space)
        answers.update(preset)
        self.origins.update(dict.fromkeys(preset, Origin.SET))
        for step in follow(next(iter(chain.values())), chain, answers, self._complete):
            decision = step.decision
            self.given.update(decision.answers)
            if step.target is not None and request.on_screen:
                from triage.render.rich import render_handover

                # Shown before the next questionnaire asks anything.
                panel = render_handover(step, self.language, boxed=not request.plain)
                self.edge.screen().print(panel)
        if self.interactive and self.interviewed and self.asker is not None:
            # Like copier's answers file: the follow-up call need not retype anything.
            with contextlib.suppress(KeyboardInterrupt, EOFError):
                self._save_answers(self.given, self.asker, at_end=True)
        return Result(decision, directory, self.typed)

    def _mark_overrides(
        self, chain: dict[str, Questionnaire], catalog: Catalog
    ) -> dict[str, Questionnaire]:
        """Mark (and say) each questionnaire that replaces a shipped one.

        (A file whose ``id`` is not its name is refused when the catalog loads it.)
        """
        import dataclasses

        from triage.render.words import override_mark

        entries = catalog.entries()
        marked = {}
        for ident, questionnaire in chain.items():
            if any(catalog.is_shipped(path) for path in entries[ident].overrides):
                questionnaire = dataclasses.replace(questionnaire, overrides_shipped=True)
                self.edge.say(override_mark(questionnaire, self.language))
            marked[ident] = questionnaire
        return marked

    def _new_asker(self) -> Asker:
        plain = self.request.plain or not self.edge.has_terminal() or self.edge.dumb_terminal()
        return self.edge.make_asker(plain)

    def _complete(
        self, questionnaire: Questionnaire, answers: dict[str, AnswerValue], entry: Entry
    ) -> dict[str, AnswerValue]:
        from triage.core.engine import flow
        from triage.core.model import UNKNOWN
        from triage.core.routing import hands_over
        from triage.core.signals import Interrupted, Origin
        from triage.render.i18n import t

        language = self.language
        self.given.update(answers)
        defaults = dict(entry.defaults)
        unknowns = file_unknowns(questionnaire, answers, self.origins) if self.interactive else []
        if unknowns and not self.reask:
            self.asker = self.asker or self._new_asker()
            try:
                self.reask.append(self.asker.offer(t("reask_unknown_offer", language), language))
            except (KeyboardInterrupt, EOFError) as error:
                raise Interrupted(answers, eof=isinstance(error, EOFError)) from None
        if unknowns and self.reask[0]:
            answers = {key: value for key, value in answers.items() if key not in unknowns}
            for key in unknowns:
                self.origins.pop(key, None)  # asked again: the new answer is typed
            defaults.update(dict.fromkeys(unknowns, UNKNOWN))
        missing = [q.id for q in flow(questionnaire, answers) if q.id not in answers]
        if missing and self.request.no_input:
            file = self.request.answers_file
            where = f"{file}: " if file else ""
            raise AnswersError(
                f"{where}--no-input but no answer for: {', '.join(missing)} "
                "(add them to the answers file; 'unknown' is an answer)",
                key="error_missing_answers",
                where=where,
                ids=", ".join(missing),
            )
        if not missing:
            return answers
        # A fresh asker per questionnaire, so the plain one names each questionnaire it asks.
        self.asker = self._new_asker()
        from triage import prompts  # loaded with the asker
        from triage.core.interview import run_interview  # only when something is asked

        done = run_interview(
            questionnaire,
            self.asker,
            answers,
            language,
            origins=self.origins,
            defaults=defaults,
            can_leave=entry.can_leave,
            # Not on a pipe: the offer would take the next answer's line as its reply.
            offer_early=prompts.early_result_offer if self.interactive else None,
            # A hand-over needs no review: "back" from the next questionnaire returns here.
            skip_review=lambda given: hands_over(questionnaire, given),
        )
        self.origins.update({key: Origin.TYPED for key in done if key not in self.origins})
        self.given.update(done)
        self.interviewed = True
        return done

    def _print_answers(self, answers: dict[str, AnswerValue]) -> None:
        """Print the answers so far and the command that resumes from them once saved."""
        from triage.load.answers import answers_yaml
        from triage.render.i18n import t

        lang = self.language
        placeholder = t("file_placeholder", lang)
        command = resume_command(self.request.command, placeholder, lang, self.resume)
        self.edge.say(t("answers_so_far", lang))
        self.edge.line(answers_yaml(answers))
        self.edge.say(t("save_and_resume", lang))
        self.edge.line(f"  {command}")

    def _save_answers(
        self, answers: dict[str, AnswerValue], asker: Asker, *, at_end: bool = False
    ) -> Path | None:
        """Offer to save the answers (0600, atomic, never over a file); print how to resume.

        At the end of a finished interview the offer preselects nothing and then asks only
        for the file name.
        """
        from triage.files import free_path, write_private
        from triage.load.answers import answers_yaml
        from triage.render.i18n import localized, t

        lang, command, say = self.language, self.request.command, self.edge.say
        suggested = free_path(Path(t("answers_file", lang, id=command)))
        if at_end:
            wanted = asker.offer(t("save_end_offer", lang), lang)
            chosen = asker.file_name(suggested, lang) if wanted else None
        else:
            chosen = asker.save_as(suggested, lang)
        if chosen is None:
            return None
        failed: list[Path] = []
        while True:
            resume = resume_command(command, shlex.quote(str(chosen)), lang, self.resume)
            comment = t("answers_file_comment", lang, command=resume)
            try:
                write_private(chosen, f"# {comment}\n{answers_yaml(answers)}\n")
            except TriageError as error:
                if chosen.is_file():
                    chosen = free_path(chosen)  # taken since it was chosen: the next free name
                    continue
                say(t("save_failed", lang, reason=localized(error, lang)))
                # E.g. a read-only folder: offer another name; declining (or the same name
                # again, or a third failure) prints the answers instead.
                failed.append(chosen)
                retry = asker.save_as(free_path(chosen), lang) if len(failed) < 3 else None
                if retry is None or retry in failed:
                    return None
                chosen = retry
                continue
            break
        from triage.files import modes_protect

        say(t("saved" if modes_protect() else "saved_folder_access", lang, path=chosen))
        say(t("resume", lang))
        self.edge.line(f"  {resume}")
        return chosen

    def _interrupted(self, stop: Interrupted) -> NoReturn:
        """Raise Stopped; after a confirmed stop offer to save, else print the answers so far."""
        from triage.load.answers import answers_yaml
        from triage.render.i18n import t

        lang, say, line = self.language, self.edge.say, self.edge.line
        # Input that ran out (a pipe, Ctrl-D) was not an interruption: say what happened.
        line("\n" + t("input_ended" if stop.eof else "interrupted", lang))
        answers = stop.answers
        asker = self.asker
        offered = bool(answers) and stop.stopped and asker is not None
        if offered and asker is not None:
            try:
                saved = self._save_answers(answers, asker)
            except (KeyboardInterrupt, EOFError):
                saved = None
            if saved is not None:
                raise Stopped
        if answers:
            say(t("answers_so_far", lang))
            line(answers_yaml(answers))
        if answers and not offered:  # after a "no" to saving, no second nudge to save them
            placeholder = t("file_placeholder", lang)
            resume = resume_command(self.request.command, placeholder, lang, self.resume)
            say(t("save_and_resume", lang))
            line(f"  {resume}")
        raise Stopped


def parse_sets(items: tuple[str, ...], questionnaire: Questionnaire) -> dict[str, AnswerValue]:
    """Turn ``--set ID=VALUE`` options into answers; AnswersError names the bad one."""
    from triage.load.answers import parse_answers

    answers: dict[str, AnswerValue] = {}
    for item in items:
        key, equals, value = item.partition("=")
        if not equals or not key.strip():
            raise UsageError(
                f"--set {item!r}: use --set ID=VALUE, e.g. --set age=34",
                key="error_set_form",
                item=repr(item),
            )
        try:
            answers.update(parse_answers({key.strip(): value.strip()}, questionnaire))
        except AnswersError as error:
            values = {**error.values, "where": f"--set {item}: "}
            raise AnswersError(f"--set {item}: {error.message}", key=error.key, **values) from None
    return answers


def file_unknowns(
    questionnaire: Questionnaire,
    answers: Mapping[str, AnswerValue],
    origins: Mapping[str, Origin],
) -> list[str]:
    """Return the questions that apply and an answers file answered «Vet ikke»."""
    from triage.core.engine import flow
    from triage.core.model import UNKNOWN
    from triage.core.signals import Origin

    return [
        q.id
        for q in flow(questionnaire, answers)
        if answers.get(q.id) is UNKNOWN and origins.get(q.id) is Origin.FILE
    ]


def resume_options(folders: tuple[Path, ...], only: bool) -> str:
    """Return the options that find the questionnaire again: its added folders, --only."""
    options = "".join(f" --questionnaires {shlex.quote(str(folder))}" for folder in folders)
    return options + (" --only" if only else "")


def resume_command(command: str, file: str, lang: str, options: str = "") -> str:
    """Return the command line that runs ``command`` again from the answers in ``file``."""
    from triage.core.model import DEFAULT_LANG

    line = f"triage {command} --answers {file}{options}"
    return line if lang == DEFAULT_LANG else f"{line} --lang {lang}"
