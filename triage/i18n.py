"""The tool's own words in bokmål and English; questionnaires bring their own texts."""

from __future__ import annotations

from triage.model import DEFAULT_LANG

MESSAGES: dict[str, dict[str, str]] = {
    "yes": {"nb": "Ja", "en": "Yes"},
    "no": {"nb": "Nei", "en": "No"},
    "unknown": {"nb": "Vet ikke", "en": "Don't know"},
    "back": {"nb": "← Tilbake", "en": "← Back"},
    "not_asked": {"nb": "ikke spurt", "en": "not asked"},
    "question_of": {"nb": "Spørsmål {number} av {total}", "en": "Question {number} of {total}"},
    "number_hint": {
        "nb": "Skriv et helt tall{range}, «v» for Vet ikke, «<» for tilbake",
        "en": "Type a whole number{range}, 'v' for Don't know, '<' to go back",
    },
    "select_hint_yes_no": {
        "nb": "(j/n/v eller piltaster, Enter velger)",
        "en": "(j/n/v or arrow keys, Enter selects)",
    },
    "select_hint": {
        "nb": "(tall eller piltaster, Enter velger)",
        "en": "(number or arrow keys, Enter selects)",
    },
    "range": {"nb": " ({low}–{high})", "en": " ({low}–{high})"},
    "not_a_number": {"nb": "Skriv et helt tall", "en": "Type a whole number"},
    "below": {"nb": "Tallet må være minst {low}", "en": "The number must be at least {low}"},
    "above": {"nb": "Tallet kan høyst være {high}", "en": "The number can be at most {high}"},
    "outcome": {"nb": "Resultat", "en": "Outcome"},
    "why": {"nb": "Hvorfor", "en": "Why"},
    "met": {"nb": "oppfylt", "en": "met"},
    "not_met": {"nb": "ikke oppfylt", "en": "not met"},
    "unknown_status": {"nb": "ukjent", "en": "unknown"},
    "answer": {"nb": "Svar", "en": "Answer"},
    "clarify_title": {"nb": "Må avklares", "en": "Needs clarifying"},
    "clarify_summary": {
        "nb": "Svarene så langt gir ikke et sikkert resultat. Avklar spørsmålene under, "
        "og ta gjerne kontakt for veiledning i mellomtiden.",
        "en": "The answers so far do not give a definite result. Clarify the questions below, "
        "and feel free to ask for guidance meanwhile.",
    },
    "to_clarify": {"nb": "Dette må avklares", "en": "To clarify"},
    "notes": {"nb": "Merk", "en": "Note"},
    "maybe": {"nb": "kan gjelde", "en": "may apply"},
    "contacts": {"nb": "Neste kontakt", "en": "Next contact"},
    "name": {"nb": "Navn", "en": "Name"},
    "role": {"nb": "Rolle", "en": "Role"},
    "organisation": {"nb": "Organisasjon", "en": "Organisation"},
    "phone": {"nb": "Telefon", "en": "Phone"},
    "email": {"nb": "E-post", "en": "E-mail"},
    "hours": {"nb": "Tid", "en": "Hours"},
    "checked": {"nb": "sjekket {date}", "en": "checked {date}"},
    "no_phone": {"nb": "ikke oppgitt i kilden", "en": "not given in the source"},
    "historical": {"nb": "historisk", "en": "historical"},
    "legal_basis": {"nb": "Lovgrunnlag", "en": "Legal basis"},
    "sources": {"nb": "Kilde", "en": "Source"},
    "undated": {"nb": "udatert", "en": "undated"},
    "published": {"nb": "publisert {date}", "en": "published {date}"},
    "changed": {"nb": "sist endret {date}", "en": "last changed {date}"},
    "retrieved": {"nb": "hentet {date}", "en": "retrieved {date}"},
    "disclaimer": {
        "nb": "Beslutningsstøtte – ikke et vedtak.",
        "en": "Decision support – not an administrative decision (vedtak).",
    },
    "version": {"nb": "versjon {version}", "en": "version {version}"},
    "weekdays": {"nb": "hverdager", "en": "weekdays"},
    "level_positive": {"nb": "AKTUELT", "en": "POSSIBLE"},
    "level_negative": {"nb": "IKKE AKTUELT", "en": "NOT APPLICABLE"},
    "level_report": {"nb": "MELD FRA", "en": "REPORT"},
    "level_information": {"nb": "INFORMASJON", "en": "INFORMATION"},
    "level_clarify": {"nb": "MÅ AVKLARES", "en": "TO CLARIFY"},
    "list_from": {"nb": "fra", "en": "from"},
    "list_shipped": {"nb": "innebygd", "en": "built in"},
    "list_overrides": {"nb": "(erstatter {paths})", "en": "(replaces {paths})"},
    "list_broken": {
        "nb": "feil i filen – kjør: triage validate {path}",
        "en": "the file has errors – run: triage validate {path}",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """Return the tool's text for ``key`` in ``lang`` (bokmål if missing), filled in."""
    table = MESSAGES[key]
    text = table.get(lang) or table[DEFAULT_LANG]
    return text.format(**values) if values else text
