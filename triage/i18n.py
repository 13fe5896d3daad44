"""The tool's own words in bokmål and English; questionnaires bring their own texts."""

from __future__ import annotations

from triage.model import DEFAULT_LANG

MESSAGES: dict[str, dict[str, str]] = {
    "yes": {"nb": "Ja", "en": "Yes"},
    "no": {"nb": "Nei", "en": "No"},
    "unknown": {"nb": "Vet ikke", "en": "Don't know"},
    "back": {"nb": "← Tilbake", "en": "← Back"},
    "pending": {
        "nb": "{answer} (teller ikke før det er avklart at spørsmålet gjelder)",
        "en": "{answer} (not counted until it is clear the question applies)",
    },
    "not_asked": {"nb": "ikke spurt", "en": "not asked"},
    "question_of": {"nb": "Spørsmål {number} av {total}", "en": "Question {number} of {total}"},
    "number_hint": {
        "nb": "Skriv et helt tall{range}, «v» for Vet ikke, «<» for tilbake",
        "en": "Type a whole number{range}, 'v' for Don't know, '<' to go back",
    },
    "select_hint_yes_no": {
        "nb": "(j/n/v eller piltaster, < tilbake, Enter velger)",
        "en": "(j/n/v or arrow keys, < back, Enter selects)",
    },
    "select_hint": {
        "nb": "(tall, v eller piltaster, < tilbake, Enter velger)",
        "en": "(number, v or arrow keys, < back, Enter selects)",
    },
    "range": {"nb": " ({low}–{high})", "en": " ({low}–{high})"},
    "not_a_number": {"nb": "Skriv et helt tall", "en": "Type a whole number"},
    "below": {"nb": "Tallet må være minst {low}", "en": "The number must be at least {low}"},
    "above": {"nb": "Tallet kan høyst være {high}", "en": "The number can be at most {high}"},
    # The interview: review, stopping and saving, plain mode.
    "question": {"nb": "Spørsmål", "en": "Question"},
    "help": {"nb": "Hjelp", "en": "Help"},
    "back_plain": {"nb": "Tilbake", "en": "Back"},
    "no_help": {
        "nb": "Ingen hjelpetekst til dette spørsmålet.",
        "en": "No help text for this question.",
    },
    "first_question": {
        "nb": "Dette er det første spørsmålet.",
        "en": "This is the first question.",
    },
    "origin": {"nb": "Fra", "en": "From"},
    "origin_file": {"nb": "fil", "en": "file"},
    "origin_set": {"nb": "--set", "en": "--set"},
    "origin_typed": {"nb": "skrevet inn", "en": "typed"},
    "dropped": {"nb": "gjelder ikke lenger", "en": "no longer applies"},
    "dropped_title": {
        "nb": "Svar som ikke lenger gjelder (tas ikke med)",
        "en": "Answers that no longer apply (left out)",
    },
    "review_title": {"nb": "Oppsummering av svarene", "en": "Summary of the answers"},
    "review_question": {"nb": "Stemmer svarene?", "en": "Are the answers right?"},
    "review_done": {"nb": "✓ Ja, vis resultatet", "en": "✓ Yes, show the result"},
    "review_change": {"nb": "Endre: {text}", "en": "Change: {text}"},
    "review_hint": {
        "nb": "(f eller Enter bekrefter, tallet endrer et svar, < tilbake)",
        "en": "(f or Enter confirms, the number changes an answer, < back)",
    },
    "stop_question": {
        "nb": "Vil du avslutte intervjuet?",
        "en": "Do you want to stop the interview?",
    },
    "stop_no": {"nb": "Nei, fortsett", "en": "No, go on"},
    "stop_yes": {"nb": "Ja, avslutt", "en": "Yes, stop"},
    "yes_no_hint": {"nb": "(j/n, Enter velger)", "en": "(j/n, Enter selects)"},
    "save_question": {
        "nb": "Lagre svarene så langt i en fil, så du kan fortsette senere?",
        "en": "Save the answers so far to a file, so you can go on later?",
    },
    "save_yes": {"nb": "Ja, lagre", "en": "Yes, save"},
    "save_no": {"nb": "Nei", "en": "No"},
    "file_name": {"nb": "Filnavn:", "en": "File name:"},
    "file_empty": {"nb": "Skriv et filnavn", "en": "Type a file name"},
    "file_exists": {
        "nb": "{name} finnes allerede – velg et annet navn",
        "en": "{name} already exists – choose another name",
    },
    "folder_missing": {"nb": "Mappen {name} finnes ikke", "en": "The folder {name} does not exist"},
    "answers_file": {"nb": "triage-{id}-svar.yaml", "en": "triage-{id}-answers.yaml"},
    "answers_file_comment": {
        "nb": "Svar så langt. Fortsett med: {command}",
        "en": "Answers so far. Go on with: {command}",
    },
    "saved": {
        "nb": "Svarene er lagret i {path} (bare du kan lese filen).",
        "en": "The answers are saved in {path} (only you can read the file).",
    },
    "file_placeholder": {"nb": "FIL", "en": "FILE"},
    "resume": {"nb": "Fortsett senere med:", "en": "Go on later with:"},
    "save_failed": {
        "nb": "Kunne ikke lagre svarene: {reason}",
        "en": "Could not save the answers: {reason}",
    },
    "interrupted": {"nb": "Avbrutt.", "en": "Interrupted."},
    "stdout_closed": {
        "nb": "standard ut er lukket: send utskriften til en fil eller til /dev/null",
        "en": "standard output is closed: send the output to a file or to /dev/null",
    },
    "answers_so_far": {"nb": "Svarene så langt:", "en": "The answers so far:"},
    "report_failed": {
        "nb": "kunne ikke vise resultatet ({error}); svarene over er tatt vare på",
        "en": "could not show the result ({error}); the answers above are kept",
    },
    "note_not_written": {
        "nb": "Notatet ble ikke lagret; her er det, så det ikke går tapt:",
        "en": "The note was not saved; here it is, so that it is not lost:",
    },
    "save_and_resume": {
        "nb": "Lagre dem i en fil og fortsett med:",
        "en": "Save them to a file and go on with:",
    },
    "plain_answer": {"nb": "Svar: ", "en": "Answer: "},
    "plain_answer_default": {
        "nb": "Svar (Enter = {default}): ",
        "en": "Answer (Enter = {default}): ",
    },
    "plain_empty": {
        "nb": "Skriv et svar, eller «v» for Vet ikke.",
        "en": "Type an answer, or 'v' for Don't know.",
    },
    "plain_number": {"nb": "et helt tall{range}", "en": "a whole number{range}"},
    "plain_invalid": {"nb": "Ugyldig svar: skriv {keys}.", "en": "Not an answer: type {keys}."},
    "plain_review": {
        "nb": "Enter = svarene stemmer, tall = endre et svar, < = tilbake: ",
        "en": "Enter = the answers are right, number = change an answer, < = back: ",
    },
    "plain_review_invalid": {
        "nb": "Skriv et tall fra 1 til {last}, «<», eller trykk Enter.",
        "en": "Type a number from 1 to {last}, '<', or press Enter.",
    },
    "plain_stop": {
        "nb": "Vil du avslutte intervjuet? (j/N): ",
        "en": "Stop the interview? (j/N): ",
    },
    "plain_save": {
        "nb": "Lagre svarene så langt i en fil, så du kan fortsette senere? (J/n): ",
        "en": "Save the answers so far to a file, so you can go on later? (J/n): ",
    },
    "plain_file_name": {"nb": "Filnavn (Enter = {name}): ", "en": "File name (Enter = {name}): "},
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
    # --- explain: conditions in plain words
    "quoted": {"nb": "«{text}»", "en": "“{text}”"},
    "and": {"nb": "og", "en": "and"},
    "or": {"nb": "eller", "en": "or"},
    "nor": {"nb": "eller", "en": "nor"},
    "cond_true": {"nb": "alltid", "en": "always"},
    "cond_false": {"nb": "aldri", "en": "never"},
    "cond_yes": {"nb": "svaret på {item} er ja", "en": "the answer to {item} is yes"},
    "cond_no": {"nb": "svaret på {item} er nei", "en": "the answer to {item} is no"},
    "cond_met": {"nb": "{item} er oppfylt", "en": "{item} is met"},
    "cond_not_met": {"nb": "{item} er ikke oppfylt", "en": "{item} is not met"},
    "cond_answer": {"nb": "svaret på {item} er {value}", "en": "the answer to {item} is {value}"},
    "cond_not": {"nb": "ikke ({text})", "en": "not ({text})"},
    "op_ge": {"nb": "minst {value}", "en": "at least {value}"},
    "op_gt": {"nb": "mer enn {value}", "en": "more than {value}"},
    "op_le": {"nb": "høyst {value}", "en": "at most {value}"},
    "op_lt": {"nb": "mindre enn {value}", "en": "less than {value}"},
    "op_ne": {"nb": "ikke {value}", "en": "not {value}"},
    "op_none_of": {"nb": "verken {values}", "en": "neither {values}"},
    "group_all_met": {
        "nb": "alle kriteriene {items} er oppfylt",
        "en": "all of the criteria {items} are met",
    },
    "group_any_met": {
        "nb": "minst ett av kriteriene {items} er oppfylt",
        "en": "at least one of the criteria {items} is met",
    },
    "group_all_not_met": {
        "nb": "ingen av kriteriene {items} er oppfylt",
        "en": "none of the criteria {items} is met",
    },
    "group_any_not_met": {
        "nb": "minst ett av kriteriene {items} er ikke oppfylt",
        "en": "at least one of the criteria {items} is not met",
    },
    "group_all_yes": {"nb": "svaret er ja på {items}", "en": "the answer is yes to {items}"},
    "group_any_yes": {
        "nb": "svaret er ja på minst ett av spørsmålene {items}",
        "en": "the answer is yes to at least one of {items}",
    },
    "group_all_no": {"nb": "svaret er nei på {items}", "en": "the answer is no to {items}"},
    "group_any_no": {
        "nb": "svaret er nei på minst ett av spørsmålene {items}",
        "en": "the answer is no to at least one of {items}",
    },
    # --- explain: the tree, the handout and the flowchart
    "explain_questions": {
        "nb": "Spørsmål, i den rekkefølgen de stilles",
        "en": "Questions, in asking order",
    },
    "explain_answers": {"nb": "Svar", "en": "Answers"},
    "explain_number": {"nb": "et helt tall{range}", "en": "a whole number{range}"},
    "explain_asked_when": {
        "nb": "Spørres bare hvis dette kan gjelde",
        "en": "Asked only if this may hold",
    },
    "explain_help": {"nb": "Hjelpetekst", "en": "Help"},
    "explain_criteria": {"nb": "Kriterier", "en": "Criteria"},
    "explain_met_when": {"nb": "Oppfylt når", "en": "Met when"},
    "explain_outcomes": {
        "nb": "Utfall, i prioritert rekkefølge",
        "en": "Outcomes, in priority order",
    },
    "explain_rule": {
        "nb": "Resultatet er det første utfallet som sikkert gjelder, når alle utfallene før det "
        "sikkert ikke gjelder. Ellers blir resultatet «Må avklares», med spørsmålene som kan "
        "endre det.",
        "en": "The result is the first outcome that definitely applies while every outcome "
        "before it definitely does not. Otherwise the result is “Needs clarifying”, with the "
        "questions that could change it.",
    },
    "explain_when": {"nb": "Gjelder når", "en": "Applies when"},
    "explain_if": {"nb": "hvis", "en": "if"},
    "explain_continue": {"nb": "Går videre til skjemaet", "en": "Continues with the questionnaire"},
    "explain_clarify_when": {
        "nb": "ellers – når et svar som mangler eller er «Vet ikke», kan endre resultatet",
        "en": "otherwise – when an answer that is missing or “Don't know” could change the result",
    },
    "explain_quotes": {"nb": "Sitater fra kildene", "en": "Quotes from the sources"},
    "explain_vague": {"nb": "Der kildene er uklare", "en": "Where the sources are vague"},
    "explain_flowchart": {"nb": "Flytskjema", "en": "Flowchart"},
    "question_short": {"nb": "S{number}", "en": "Q{number}"},
    "chart_start": {"nb": "Start", "en": "Start"},
    "chart_asked_if": {
        "nb": "Spørres hvis dette kan gjelde: {text}",
        "en": "Asked if this may hold: {text}",
    },
    "chart_yes_or_unknown": {"nb": "ja eller ukjent", "en": "yes or unknown"},
    "chart_decide": {
        "nb": "Første utfall som sikkert gjelder",
        "en": "First outcome that definitely applies",
    },
    "chart_continue": {"nb": "Videre til skjemaet {id}", "en": "Continue with questionnaire {id}"},
    "chart_otherwise": {"nb": "ellers", "en": "otherwise"},
    # --- demo
    "demo_case": {
        "nb": "Eksempel {number} av {total}: {name}",
        "en": "Example {number} of {total}: {name}",
    },
    "demo_answers": {"nb": "Svarene", "en": "The answers"},
    "demo_not_answered": {"nb": "ikke besvart", "en": "not answered"},
    "demo_skipped": {"nb": "hoppes over", "en": "skipped"},
    "demo_dropped": {
        "nb": "hoppes over – svaret «{answer}» brukes ikke",
        "en": "skipped – the answer “{answer}” is not used",
    },
    "demo_as_expected": {"nb": "Som eksemplet forventer.", "en": "As the example expects."},
    "demo_mismatch": {
        "nb": "Avviker fra det eksemplet forventer: {failures}",
        "en": "Differs from what the example expects: {failures}",
    },
    "demo_pause": {
        "nb": "Trykk en tast for neste eksempel (q avslutter) …",
        "en": "Press a key for the next example (q quits) …",
    },
    # --- start and hand-overs
    "offer_start": {
        "nb": "Vil du starte veiviseren som finner riktig skjema?",
        "en": "Start the guide that finds the right questionnaire?",
    },
    "offer_hint": {"nb": "(j/n, Enter velger)", "en": "(j/n, Enter selects)"},
    "handover": {"nb": "Går videre til «{title}»", "en": "Continuing with “{title}”"},
    "next_questionnaire": {"nb": "Neste skjema", "en": "Next questionnaire"},
    "carried": {"nb": "Svar som tas med", "en": "Answers carried over"},
    # --- report, exports and contacts (issue 5)
    "questionnaire": {"nb": "Skjema", "en": "Questionnaire"},
    "override_mark": {
        "nb": "NB: dette skjemaet er hentet fra {path} og erstatter det innebygde «{id}»",
        "en": "Note: this questionnaire comes from {path} and replaces the built-in “{id}”",
    },
    "date": {"nb": "Dato", "en": "Date"},
    "report_heading": {"nb": "Triage: {title}", "en": "Triage: {title}"},
    "answers": {"nb": "Svar", "en": "Answers"},
    "answer_was": {"nb": "svar: {answer}", "en": "answer: {answer}"},
    "not_answered": {"nb": "ikke besvart", "en": "not answered"},
    "legend": {
        "nb": "✓ oppfylt  ✗ ikke oppfylt  ? ukjent",
        "en": "✓ met  ✗ not met  ? unknown",
    },
    "source_says": {"nb": "Kilden: «{quote}»", "en": "The source: «{quote}»"},
    "vague": {"nb": "Uklart i kilden", "en": "Unclear in the source"},
    "meanwhile": {
        "nb": "Veiledning i mellomtiden: {contacts}.",
        "en": "Guidance meanwhile: {contacts}.",
    },
    "websites": {"nb": "Nettsider", "en": "Websites"},
    "website": {"nb": "Nettside", "en": "Website"},
    "checked_label": {"nb": "Sjekket", "en": "Checked"},
    "source_label": {"nb": "Kilde", "en": "Source"},
    "stale": {
        "nb": "over 12 måneder siden – kontroller før bruk",
        "en": "over 12 months ago – check before use",
    },
    "open_now": {"nb": "åpent nå, til {time}", "en": "open now, until {time}"},
    "closed_now": {"nb": "stengt nå", "en": "closed now"},
    "closed_holiday": {"nb": "stengt nå (helligdag)", "en": "closed now (public holiday)"},
    "opens": {"nb": "åpner {when}", "en": "opens {when}"},
    "at_time": {"nb": "kl. {time}", "en": "at {time}"},
    "today": {"nb": "i dag", "en": "today"},
    "tomorrow": {"nb": "i morgen", "en": "tomorrow"},
    "day_names": {
        "nb": "mandag tirsdag onsdag torsdag fredag lørdag søndag",
        "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    },
    "no_contacts_match": {
        "nb": "Ingen kontakter passer «{search}».",
        "en": "No contacts match «{search}».",
    },
    "written": {
        "nb": "Lagret i {path} (bare lesbar for deg).",
        "en": "Saved to {path} (readable only by you).",
    },
    # --- triage list: where each questionnaire comes from (issue 3)
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
