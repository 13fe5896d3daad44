"""Conditions in plain words, shared by the explain handout and the flowchart."""

from __future__ import annotations

from collections.abc import Callable

from triage.core.conditions import All, Any_, Compare, Condition, Const, Not, Op, Ref
from triage.core.kinds import KINDS
from triage.core.model import Question, QuestionKind, Questionnaire
from triage.render.i18n import t
from triage.render.words import format_value, inert

#: Names a question or criterion in a description (e.g. «Hvor gammel er personen?»).
Label = Callable[[str], str]

_NEGATED = {
    Op.EQ: Op.NE,
    Op.NE: Op.EQ,
    Op.LT: Op.GE,
    Op.GE: Op.LT,
    Op.LE: Op.GT,
    Op.GT: Op.LE,
    Op.IN: Op.NOT_IN,
    Op.NOT_IN: Op.IN,
}


# --------------------------------------------------------------------------- plain words


def quoted(text: str, lang: str) -> str:
    """Return ``text`` in the language's quotation marks: «…» or “…”."""
    return t("quoted", lang, text=text)


def default_label(questionnaire: Questionnaire, lang: str) -> Label:
    """Return a namer that quotes a question's or criterion's own text."""
    texts = {q.id: q.text for q in questionnaire.questions}
    texts.update({c.id: c.text for c in questionnaire.criteria})

    def label(name: str) -> str:
        text = texts.get(name)
        return quoted(inert(text.get(lang)) if text else name, lang)

    return label


def shorten(text: str, limit: int) -> str:
    """Return ``text`` on one line, cut after a whole word with «…» when longer than ``limit``."""
    words = inert(text).split()
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > limit - 1:
            break
        kept.append(word)
    if len(kept) == len(words):
        return " ".join(words)
    return " ".join(kept or [words[0][: limit - 1]]).rstrip(" ,.;:–-") + "…"


def if_prefix(condition: Condition | None, questionnaire: Questionnaire, lang: str) -> str:
    """Return «(hvis …) » for a note or legal basis shown only when ``condition`` holds."""
    if condition is None:
        return ""
    return f"({t('explain_if', lang)} {describe(condition, questionnaire, lang)}) "


def describe(
    condition: Condition | None,
    questionnaire: Questionnaire,
    lang: str = "nb",
    label: Label | None = None,
    choice_limit: int | None = None,
) -> str:
    """Return ``condition`` in plain words, e.g. «svaret på «Hvor gammel …?» er minst 18 og …».

    ``choice_limit`` cuts a choice's text after a whole word (for a chart's arrows).
    """
    if condition is None:
        return t("cond_true", lang)
    words = _Words(questionnaire, lang, label or default_label(questionnaire, lang))
    words.choice_limit = choice_limit
    return words.render(_push_not(condition, negate=False), top=True)


def _push_not(condition: Condition, *, negate: bool) -> Condition:
    """Return the condition with every negation moved onto a leaf (negation normal form)."""
    if isinstance(condition, Not):
        return _push_not(condition.operand, negate=not negate)
    if isinstance(condition, All | Any_):
        operands = tuple(_push_not(o, negate=negate) for o in condition.operands)
        flip = isinstance(condition, All) == negate
        return _flatten(Any_(operands) if flip else All(operands))
    if not negate:
        return condition
    if isinstance(condition, Const):
        return Const(not condition.value)
    if isinstance(condition, Compare):
        return Compare(condition.name, _NEGATED[condition.op], condition.value)
    return Not(condition)


def _flatten(condition: All | Any_) -> Condition:
    kind = type(condition)
    operands: list[Condition] = []
    for operand in condition.operands:
        if isinstance(operand, kind):
            operands.extend(operand.operands)
        else:
            operands.append(operand)
    return kind(tuple(operands))


class _Words:
    """Renders a condition in negation normal form as a sentence."""

    def __init__(self, questionnaire: Questionnaire, lang: str, label: Label) -> None:
        self.lang = lang
        self.label = label
        self.questions = {q.id: q for q in questionnaire.questions}
        self.criteria = {c.id for c in questionnaire.criteria}
        self.choice_limit: int | None = None

    def render(self, condition: Condition, *, top: bool = False) -> str:
        if isinstance(condition, All | Any_):
            text = self._group(condition) or self._join(condition)
            return text if top else f"({text})"
        return self._leaf(condition)

    def _polarity(self, condition: Condition) -> tuple[str, str, bool] | None:
        """Return (name, 'criterion'|'question', positive) for a plain yes/no leaf."""
        positive = True
        if isinstance(condition, Not):
            positive, condition = False, condition.operand
        if isinstance(condition, Compare) and isinstance(condition.value, bool):
            if condition.op not in (Op.EQ, Op.NE):
                return None
            positive = positive == (condition.value == (condition.op is Op.EQ))
            condition = Ref(condition.name)
        if not isinstance(condition, Ref):
            return None
        if condition.name in self.criteria:
            return condition.name, "criterion", positive
        question = self.questions.get(condition.name)
        if question is not None and question.kind is QuestionKind.YES_NO:
            return condition.name, "question", positive
        return None

    def _leaf(self, condition: Condition) -> str:
        lang = self.lang
        if isinstance(condition, Const):
            return t("cond_true" if condition.value else "cond_false", lang)
        simple = self._polarity(condition)
        if simple is not None:
            name, kind, positive = simple
            key = {
                ("criterion", True): "cond_met",
                ("criterion", False): "cond_not_met",
                ("question", True): "cond_yes",
                ("question", False): "cond_no",
            }[(kind, positive)]
            return t(key, lang, item=self.label(name))
        if isinstance(condition, Compare):
            return t(
                "cond_answer", lang, item=self.label(condition.name), value=self._value(condition)
            )
        if isinstance(condition, Not):  # pragma: no cover - NNF leaves only negate references
            return t("cond_not", lang, text=self._leaf(condition.operand))
        assert isinstance(condition, Ref)  # a name the loader did not type (should not happen)
        return t("cond_yes", lang, item=self.label(condition.name))

    def _value(self, condition: Compare) -> str:
        lang = self.lang
        question = self.questions.get(condition.name)
        values = condition.value if isinstance(condition.value, tuple) else (condition.value,)
        shown = [self._literal(question, v) for v in values]
        if condition.op in (Op.IN, Op.EQ):
            return _listing(shown, t("or", lang))
        if condition.op in (Op.NOT_IN, Op.NE):
            if len(shown) == 1:
                return t("op_ne", lang, value=shown[0])
            return t("op_none_of", lang, values=_listing(shown, t("nor", lang)))
        ops = KINDS[question.kind].ops if question is not None else "op"
        key = {Op.LT: "lt", Op.LE: "le", Op.GT: "gt", Op.GE: "ge"}[condition.op]
        return t(f"{ops}_{key}", lang, value=shown[0])

    def _literal(self, question: Question | None, value: object) -> str:
        if not isinstance(value, bool | int | str):
            return str(value)
        shown = format_value(question, value, self.lang)
        if isinstance(value, str) and self.choice_limit is not None:
            shown = shorten(shown, self.choice_limit)
        if isinstance(value, bool):
            return shown.lower()
        return quoted(shown, self.lang) if isinstance(value, str) else shown

    def _group(self, condition: All | Any_) -> str | None:
        """Say «all of these are met» compactly when every operand is the same kind of leaf."""
        leaves = [self._polarity(o) for o in condition.operands]
        if len(leaves) < 2 or any(leaf is None for leaf in leaves):
            return None
        kinds = {(leaf[1], leaf[2]) for leaf in leaves if leaf is not None}
        if len(kinds) != 1:
            return None
        ((kind, positive),) = kinds
        which = "all" if isinstance(condition, All) else "any"
        what = {
            ("criterion", True): "met",
            ("criterion", False): "not_met",
            ("question", True): "yes",
            ("question", False): "no",
        }[(kind, positive)]
        items = _listing(
            [self.label(leaf[0]) for leaf in leaves if leaf is not None], t("and", self.lang)
        )
        return t(f"group_{which}_{what}", self.lang, items=items)

    def _join(self, condition: All | Any_) -> str:
        word = t("and" if isinstance(condition, All) else "or", self.lang)
        return _listing([self.render(o) for o in condition.operands], word)


def _listing(items: list[str], word: str) -> str:
    """Join as people write lists: «a», «a og b», «a, b og c»."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]
