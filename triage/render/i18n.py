"""The tool's own words in bokmål and English; questionnaires bring their own texts."""

from __future__ import annotations

from triage.core.errors import TriageError, escape_controls

#: The same as triage.core.model's (a test checks): help texts need no model.
DEFAULT_LANG = "nb"
LANGUAGES = ("nb", "en")

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
    "question_of_up_to": {
        "nb": "Spørsmål {number} av inntil {total}",
        "en": "Question {number} of up to {total}",
    },
    "number_hint": {
        "nb": "Skriv et helt tall{range} eller «{unknown}» for Vet ikke{back}, så Enter",
        "en": "Type a whole number{range} or '{unknown}' for Don't know{back}, then Enter",
    },
    "number_empty": {
        "nb": "Ingenting skrevet ennå: skriv et helt tall{range} eller «{unknown}» for Vet ikke.",
        "en": "Nothing typed yet: type a whole number{range} or '{unknown}' for Don't know.",
    },
    "date_hint": {
        "nb": "Skriv datoen som DD.MM.ÅÅÅÅ, f.eks. 31.01.2026{range}, eller «{unknown}» for "
        "Vet ikke{back}, så Enter",
        "en": "Type the date as DD.MM.YYYY or YYYY-MM-DD, e.g. 31.01.2026{range}, or "
        "'{unknown}' for Don't know{back}, then Enter",
    },
    "date_empty": {
        "nb": "Ingenting skrevet ennå: skriv en dato som DD.MM.ÅÅÅÅ{range} eller «{unknown}» "
        "for Vet ikke.",
        "en": "Nothing typed yet: type a date as DD.MM.YYYY{range} or '{unknown}' for Don't know.",
    },
    "select_hint": {
        "nb": "({keys} eller piltaster{back}, så Enter)",
        "en": "({keys} or arrow keys{back}, then Enter)",
    },
    "hint_back": {"nb": ", < tilbake", "en": ", < back"},
    "nothing_chosen": {
        "nb": "Ingenting er valgt ennå: trykk {keys} eller en piltast, så Enter.",
        "en": "Nothing is chosen yet: press {keys} or an arrow key, then Enter.",
    },
    "range": {"nb": " ({low}–{high})", "en": " ({low}–{high})"},
    "not_a_number": {
        "nb": "Skriv et helt tall, eller «{unknown}» for Vet ikke",
        "en": "Type a whole number, or '{unknown}' for Don't know",
    },
    "below": {"nb": "Tallet må være minst {low}", "en": "The number must be at least {low}"},
    "above": {"nb": "Tallet kan høyst være {high}", "en": "The number can be at most {high}"},
    "not_a_date": {
        "nb": "Ikke en gyldig dato: skriv den som DD.MM.ÅÅÅÅ (f.eks. 31.01.2026), "
        "eller «{unknown}» for Vet ikke",
        "en": "Not a valid date: type it as DD.MM.YYYY (e.g. 31.01.2026) or YYYY-MM-DD, "
        "or '{unknown}' for Don't know",
    },
    "date_below": {"nb": "Datoen kan ikke være før {low}", "en": "The date cannot be before {low}"},
    "date_above": {
        "nb": "Datoen kan ikke være etter {high}",
        "en": "The date cannot be after {high}",
    },
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
        "nb": "({yes} = svarene stemmer, {numbers} = endre et svar, < tilbake; så Enter)",
        "en": "({yes} = the answers are right, {numbers} = change an answer, < back; then Enter)",
    },
    "review_nothing_chosen": {
        "nb": "Ingenting er valgt ennå: trykk {yes} hvis svarene stemmer, "
        "eller et tall ({numbers}) for å endre et svar, så Enter.",
        "en": "Nothing is chosen yet: press {yes} if the answers are right, "
        "or a number ({numbers}) to change an answer, then Enter.",
    },
    "stop_question": {
        "nb": "Vil du avslutte intervjuet?",
        "en": "Do you want to stop the interview?",
    },
    "stop_no": {"nb": "Nei, fortsett", "en": "No, go on"},
    "stop_yes": {"nb": "Ja, avslutt", "en": "Yes, stop"},
    "yes_no_hint": {
        "nb": "({keys} eller piltaster, så Enter)",
        "en": "({keys} or arrow keys, then Enter)",
    },
    "save_question": {
        "nb": "Lagre svarene så langt i en fil, så du kan fortsette senere?",
        "en": "Save the answers so far to a file, so you can go on later?",
    },
    "save_end_offer": {
        "nb": "Lagre svarene i en fil, så du kan fortsette med dem senere?",
        "en": "Save the answers to a file, so you can go on with them later?",
    },
    "reask_unknown_offer": {
        "nb": "Svarfilen har svar «Vet ikke». Vil du svare på de spørsmålene på nytt?",
        "en": "The answers file has «Don't know» answers. Answer those questions again?",
    },
    "early_result_offer": {
        "nb": "Resultatet er avgjort: {result}. Vis resultatet nå? "
        "(Nei: svar på resten av spørsmålene først.)",
        "en": "The result is settled: {result}. Show the result now? "
        "(No: answer the remaining questions first.)",
    },
    "save_yes": {"nb": "Ja, lagre", "en": "Yes, save"},
    "save_no": {"nb": "Nei", "en": "No"},
    "file_name": {"nb": "Filnavn:", "en": "File name:"},
    "file_empty": {"nb": "Skriv et filnavn", "en": "Type a file name"},
    "file_hint": {
        "nb": "(Enter lagrer med dette navnet; du kan skrive et annet)",
        "en": "(Enter saves under this name; you can type another)",
    },
    "file_invalid": {
        "nb": "«{name}» kan ikke brukes som filnavn – skriv et annet",
        "en": "“{name}” cannot be used as a file name – type another",
    },
    "file_no_home": {
        "nb": "Finner ingen hjemmemappe for «~» i {name} – skriv hele stien",
        "en": "No home folder is known for “~” in {name} – type the whole path",
    },
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
    "saved_folder_access": {
        "nb": "Svarene er lagret i {path} (de som kan lese mappen, kan lese filen).",
        "en": "The answers are saved in {path} (whoever can read the folder can read the file).",
    },
    "file_placeholder": {"nb": "FIL", "en": "FILE"},
    "resume": {"nb": "Fortsett senere med:", "en": "Go on later with:"},
    "save_failed": {
        "nb": "Kunne ikke lagre svarene: {reason}",
        "en": "Could not save the answers: {reason}",
    },
    "interrupted": {"nb": "Avbrutt.", "en": "Interrupted."},
    "input_ended": {
        "nb": "Inndata tok slutt før intervjuet var ferdig.",
        "en": "The input ended before the interview was finished.",
    },
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
        "nb": "Ingenting skrevet ennå: skriv {keys}.",
        "en": "Nothing typed yet: type {keys}.",
    },
    "plain_keys_number": {
        "nb": "et helt tall eller «{unknown}»",
        "en": "a whole number or '{unknown}'",
    },
    "plain_keys_date": {
        "nb": "en dato (DD.MM.ÅÅÅÅ) eller «{unknown}»",
        "en": "a date (DD.MM.YYYY) or '{unknown}'",
    },
    "plain_undecodable": {
        "nb": "Svaret har tegn som ikke kunne leses (tegnkodingen?) – skriv det på nytt.",
        "en": "The answer has characters that could not be read (the encoding?) – type it again.",
    },
    "plain_number": {"nb": "et helt tall{range}", "en": "a whole number{range}"},
    "plain_date": {"nb": "en dato, DD.MM.ÅÅÅÅ{range}", "en": "a date, DD.MM.YYYY{range}"},
    "plain_invalid": {"nb": "Ugyldig svar: skriv {keys}.", "en": "Not an answer: type {keys}."},
    "plain_review": {
        "nb": "{yes} = svarene stemmer, tall = endre et svar, < = tilbake: ",
        "en": "{yes} = the answers are right, number = change an answer, < = back: ",
    },
    "plain_review_invalid": {
        "nb": "Skriv {yes} hvis svarene stemmer, et tall fra 1 til {last}, eller «<».",
        "en": "Type {yes} if the answers are right, a number from 1 to {last}, or '<'.",
    },
    "plain_stop": {
        "nb": "Vil du avslutte intervjuet? ({keys}): ",
        "en": "Stop the interview? ({keys}): ",
    },
    "plain_save": {
        "nb": "Lagre svarene så langt i en fil, så du kan fortsette senere? ({keys}): ",
        "en": "Save the answers so far to a file, so you can go on later? ({keys}): ",
    },
    "plain_yes_no": {"nb": "Svar med {keys}.", "en": "Answer with {keys}."},
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
    "possible_any_answer": {"nb": "Uansett svar: {what}", "en": "Whatever the answers: {what}"},
    "possible_contact": {"nb": "kontakt {names}", "en": "contact {names}"},
    "possible_outcomes": {"nb": "Mulige utfall: {outcomes}", "en": "Possible outcomes: {outcomes}"},
    "possible_outcomes_rough": {
        "nb": "Mulige utfall (ikke alle er utelukket ennå): {outcomes}",
        "en": "Possible outcomes (not all ruled out yet): {outcomes}",
    },
    "possible_or": {"nb": " eller ", "en": " or "},
    "possible_still_open": {"nb": "fortsatt åpent", "en": "still open"},
    "possible_none": {"nb": "intet utfall", "en": "no outcome"},
    "possible_any_number": {"nb": "alle tall", "en": "any number"},
    "possible_any_date": {"nb": "alle datoer", "en": "any date"},
    "notes": {"nb": "Merk", "en": "Note"},
    "maybe": {"nb": "kan gjelde", "en": "may apply"},
    "contacts": {"nb": "Neste kontakt", "en": "Next contact"},
    "contact_sheet": {"nb": "Kontaktliste", "en": "Contact sheet"},
    "name": {"nb": "Navn", "en": "Name"},
    "role": {"nb": "Rolle", "en": "Role"},
    "organisation": {"nb": "Organisasjon", "en": "Organisation"},
    "phone": {"nb": "Telefon", "en": "Phone"},
    "email": {"nb": "E-post", "en": "E-mail"},
    "hours": {"nb": "Tid", "en": "Hours"},
    "checked": {"nb": "hentet fra kilden {date}", "en": "taken from the source {date}"},
    "no_phone": {"nb": "ikke oppgitt i kilden", "en": "not given in the source"},
    "historical": {"nb": "historisk", "en": "historical"},
    "historical_number": {
        "nb": "historisk nummer, trolig ute av bruk",
        "en": "historical number, probably no longer in use",
    },
    "legal_basis": {"nb": "Lovgrunnlag", "en": "Legal basis"},
    "lovdata": {"nb": "les paragrafen på Lovdata", "en": "read the section on Lovdata"},
    "legal_maybe": {"nb": "kan bli aktuelt", "en": "may become relevant"},
    "valid_from": {"nb": "gjelder fra {date}", "en": "in force from {date}"},
    "sources": {"nb": "Kilde", "en": "Source"},
    "undated": {"nb": "udatert", "en": "undated"},
    "published": {"nb": "publisert {date}", "en": "published {date}"},
    "changed": {"nb": "sist endret {date}", "en": "last changed {date}"},
    "retrieved": {"nb": "hentet {date}", "en": "retrieved {date}"},
    # Source drift (triage sources check).
    "drift_heading": {"nb": "Kildesjekk: {title} ({page})", "en": "Source check: {title} ({page})"},
    "drift_counts": {
        "nb": "Sitater: {found} står på siden, {changed} endret, {missing} mangler.",
        "en": "Quotes: {found} on the page, {changed} changed, {missing} missing.",
    },
    "drift_changed": {
        "nb": "Endret på siden: sitat «{id}» i {where} ({percent} % likt)",
        "en": "Changed on the page: quote '{id}' in {where} ({percent} % alike)",
    },
    "drift_missing": {
        "nb": "Står ikke lenger på siden: sitat «{id}» i {where} (nærmeste tekst {percent} % lik)",
        "en": "No longer on the page: quote '{id}' in {where} (nearest text {percent} % alike)",
    },
    "drift_rests_on": {"nb": "Bygger på sitatet: {what}", "en": "Resting on the quote: {what}"},
    "drift_questions": {"nb": "spørsmål", "en": "questions"},
    "drift_criteria": {"nb": "kriterier", "en": "criteria"},
    "drift_outcomes": {"nb": "utfall", "en": "outcomes"},
    "drift_contacts": {"nb": "kontakter", "en": "contacts"},
    "drift_nothing_rests": {"nb": "ingenting", "en": "nothing"},
    "drift_new_details": {
        "nb": "På siden, men ingen kontakt har dem:",
        "en": "On the page, but no contact has them:",
    },
    "drift_phone": {"nb": "telefon", "en": "phone"},
    "drift_email": {"nb": "e-post", "en": "e-mail"},
    "drift_vanished": {
        "nb": "Kontakter som viser til siden, med nummer eller adresse som ikke lenger står der:",
        "en": "Contacts citing the page whose number or address is no longer on it:",
    },
    "drift_verdict_changed": {
        "nb": "Siden er endret: sjekk funnene over, rett skjemaene og contacts.yaml, og sett ny "
        "«retrieved»-dato for siden.",
        "en": "The page has changed: check the findings above, correct the questionnaires and "
        "contacts.yaml, and set a new 'retrieved' date for the page.",
    },
    "drift_verdict_clean": {
        "nb": "Ingen endringer: alle {found} sitater står på siden, og kontaktopplysningene "
        "stemmer.",
        "en": "No changes: all {found} quotes are on the page, and the contact details match.",
    },
    "disclaimer": {
        "nb": "Beslutningsstøtte – ikke et vedtak.",
        "en": "Decision support – not an administrative decision (vedtak).",
    },
    "version": {"nb": "versjon {version}", "en": "version {version}"},
    "weekdays": {"nb": "hverdager", "en": "weekdays"},
    "level_positive": {"nb": "AKTUELT", "en": "POSSIBLE"},
    "level_negative": {"nb": "IKKE AKTUELT", "en": "NOT APPLICABLE"},
    "level_report": {"nb": "MELD FRA", "en": "CONTACT"},
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
    "op_date_ge": {"nb": "{value} eller senere", "en": "{value} or later"},
    "op_date_gt": {"nb": "etter {value}", "en": "after {value}"},
    "op_date_le": {"nb": "{value} eller tidligere", "en": "{value} or earlier"},
    "op_date_lt": {"nb": "før {value}", "en": "before {value}"},
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
    "explain_purpose": {"nb": "Formål", "en": "Purpose"},
    "explain_questions": {
        "nb": "Spørsmål, i den rekkefølgen de stilles",
        "en": "Questions, in asking order",
    },
    "explain_answers": {"nb": "Svar", "en": "Answers"},
    "explain_number": {"nb": "et helt tall{range}", "en": "a whole number{range}"},
    "explain_date": {"nb": "en dato{range}", "en": "a date{range}"},
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
    "criterion_short": {"nb": "K{number}", "en": "C{number}"},
    # A block's way in and its bypass say the condition, never a bare «ja»/«nei» that a room
    # would read as the answer to the question above.
    "chart_ask": {"nb": "Spørre {names}?", "en": "Ask {names}?"},
    "chart_ask_when": {"nb": "hvis {text} (eller ukjent)", "en": "if {text} (or unknown)"},
    "chart_skip_when": {
        "nb": "hvis {text}: {names} hoppes over",
        "en": "if {text}: {names} skipped",
    },
    "chart_ask_see_legend": {
        "nb": "hvis vilkåret for {names} kan gjelde",
        "en": "if the condition for {names} may hold",
    },
    "chart_skip_see_legend": {
        "nb": "ellers hoppes {names} over",
        "en": "otherwise {names} skipped",
    },
    "chart_outcome_key": {"nb": "Utfall {number}", "en": "Outcome {number}"},
    "chart_see_legend": {"nb": "{name}: se forklaringen", "en": "{name}: see the key"},
    "chart_legend": {"nb": "Forklaring", "en": "Key"},
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
    "demo_as_expected": {
        "nb": "Dette er utfallet kriteriene gir.",
        "en": "This is the outcome the criteria give.",
    },
    "demo_mismatch": {
        "nb": "Avviker fra det eksemplet forventer: {failures}",
        "en": "Differs from what the example expects: {failures}",
    },
    "demo_pause": {
        "nb": "Trykk en tast for neste eksempel (< forrige, q avslutter) …",
        "en": "Press a key for the next example (< previous, q quits) …",
    },
    "demo_pause_last": {
        "nb": "Det var det siste eksempelet. Trykk en tast for å avslutte (< forrige) …",
        "en": "That was the last example. Press a key to finish (< previous) …",
    },
    # --- the command line: usage errors and help (looked up only when shown)
    "usage_prefix": {"nb": "Bruk:", "en": "Usage:"},
    "usage_options": {"nb": "[VALG]", "en": "[OPTIONS]"},
    "usage_command": {"nb": "KOMMANDO|SKJEMA [ARGUMENTER]...", "en": "COMMAND|ID [ARGS]..."},
    "usage_subcommand": {"nb": "KOMMANDO [ARGUMENTER]...", "en": "COMMAND [ARGS]..."},
    "usage_try": {"nb": "se {command} --help", "en": "see {command} --help"},
    "usage_no_such_option": {"nb": "ukjent valg {option}", "en": "no such option {option}"},
    "usage_no_such_command": {"nb": "ukjent kommando «{name}»", "en": "no such command '{name}'"},
    "usage_did_you_mean": {"nb": "(mente du {options}?)", "en": "(did you mean {options}?)"},
    "usage_missing": {"nb": "mangler {name}", "en": "missing {name}"},
    "usage_missing_command": {
        "nb": "mangler kommando eller skjema, f.eks. triage start",
        "en": "missing a command or questionnaire, e.g. triage start",
    },
    "usage_pick_questionnaire": {
        "nb": "– velg et skjema: {names}",
        "en": "– pick a questionnaire: {names}",
    },
    "usage_choice": {
        "nb": "«{value}» er ikke et gyldig valg for {name}: velg {choices}",
        "en": "'{value}' is not a choice for {name}: choose {choices}",
    },
    "usage_bad_value": {
        "nb": "ugyldig verdi for {name}: {reason}",
        "en": "invalid value for {name}: {reason}",
    },
    "usage_needs_value": {"nb": "{option} trenger en verdi", "en": "{option} needs a value"},
    "usage_extra": {
        "nb": "for mange argumenter: {words}",
        "en": "unexpected extra argument: {words}",
    },
    "metavar_file": {"nb": "FIL", "en": "FILE"},
    "metavar_dir": {"nb": "MAPPE", "en": "DIR"},
    "metavar_set": {"nb": "ID=VERDI", "en": "ID=VALUE"},
    "metavar_name": {"nb": "NR|NAVN", "en": "NUMBER|NAME"},
    "metavar_search": {"nb": "SØK", "en": "SEARCH"},
    "metavar_path": {"nb": "STI", "en": "PATH"},
    "metavar_command": {"nb": "KOMMANDO", "en": "COMMAND"},
    "help_options": {"nb": "Valg", "en": "Options"},
    "help_arguments": {"nb": "Argumenter", "en": "Arguments"},
    "help_commands": {"nb": "Kommandoer", "en": "Commands"},
    "help_required": {"nb": "påkrevd", "en": "required"},
    "help_default": {"nb": "[standard: ", "en": "[default: "},
    "help_questionnaires": {
        "nb": "Skjemaer (kjør med triage ID eller norsk navn, f.eks. triage gravid):",
        "en": "Questionnaires (run with triage ID or alias, e.g. triage gravid):",
    },
    "help_keys": {
        "nb": "Tastene i intervjuet: j/n/v (ja/nei/vet ikke) eller piltaster og Enter; tall "
        "velger et svar; < går tilbake; Ctrl-C avslutter og tilbyr å lagre svarene.",
        "en": "Keys in the interview: y/n/d (yes/no/don't know) or arrow keys and Enter; a "
        "number picks an answer; < goes back; Ctrl-C stops and offers to save the answers.",
    },
    "help_epilog": {
        "nb": "Beslutningsstøtte – ikke et vedtak. Mer hjelp: triage help KOMMANDO.",
        "en": "Decision support – not an administrative decision (vedtak). More: "
        "triage help COMMAND.",
    },
    "cmd_triage": {
        "nb": "Beslutningsstøtte for rustjenestene i Kristiansand: velg et skjema med "
        "«triage start», eller kjør et skjema direkte med «triage ID».",
        "en": "Decision support for the substance-abuse services in Kristiansand: find a "
        "questionnaire with 'triage start', or run one directly with 'triage ID'.",
    },
    "cmd_run": {
        "nb": "Still spørsmålene i skjemaet og vis anbefalingen.",
        "en": "Ask the questionnaire's questions and show the recommendation.",
    },
    "cmd_run_named": {
        "nb": "Still spørsmålene i skjemaet «{id}» og vis anbefalingen. Hele skjemaet, uten å "
        "spørre: triage explain {id}.",
        "en": "Ask the questions of the questionnaire '{id}' and show the recommendation. The "
        "whole questionnaire, without asking: triage explain {id}.",
    },
    "cmd_start": {
        "nb": "Finn riktig skjema med noen få spørsmål, og fortsett rett inn i det.",
        "en": "Find the right questionnaire with a few questions, then continue straight into it.",
    },
    "cmd_start_short": {
        "nb": "finn riktig skjema med noen få spørsmål",
        "en": "find the right questionnaire with a few questions",
    },
    "cmd_list": {
        "nb": "Vis skjemaene: id, norsk navn, tittel, antall spørsmål og hvor de kommer fra.",
        "en": "List the questionnaires: id, aliases, title, number of questions, and where "
        "each comes from.",
    },
    "cmd_list_short": {"nb": "vis skjemaene", "en": "list the questionnaires"},
    "cmd_help": {
        "nb": "Vis hjelpen, eller hjelpen til én kommando (f.eks. triage help demo).",
        "en": "Show the help, or the help of one command (e.g. triage help demo).",
    },
    "cmd_help_short": {"nb": "vis hjelp til en kommando", "en": "help on a command"},
    "cmd_contacts": {
        "nb": "Vis kontaktene med kilde og dato de ble sjekket.",
        "en": "List the contact directory with each contact's source and checked date.",
    },
    "cmd_contacts_short": {"nb": "vis kontaktene", "en": "list the contacts"},
    "cmd_explain": {
        "nb": "Vis et helt skjema uten å spørre: spørsmål, utfall, kontakter og kilder.",
        "en": "Show a whole questionnaire without asking: questions, outcomes, contacts, sources.",
    },
    "cmd_explain_short": {
        "nb": "vis et helt skjema uten å spørre",
        "en": "show a whole questionnaire without asking",
    },
    "cmd_demo": {
        "nb": "Spill av skjemaets eksempler for en forsamling: svarene, så resultatet, ett "
        "eksempel om gangen. Mellom eksemplene: en tast for neste, < eller t for forrige, q "
        "avslutter.",
        "en": "Play the questionnaire's example cases to an audience: the answers, then the "
        "result, one at a time. Between cases: a key for the next, < or b for the previous, "
        "q quits.",
    },
    "cmd_demo_short": {
        "nb": "spill av eksemplene for opplæring",
        "en": "play the example cases for training",
    },
    "cmd_validate": {
        "nb": "Sjekk skjemaene for feil, og bevis at hvert svar fører til et forsvarlig "
        "utfall. Skriver hvert problem som fil:linje:kolonne: error|warning: melding (på "
        "engelsk; note: med --notes). Avslutter med 0 uten feil, 1 med funn, 2 ved feil bruk.",
        "en": "Check questionnaires for mistakes and prove every answer leads somewhere "
        "sound. Prints each problem as file:line:col: error|warning: message (and note: with "
        "--notes). Exit 0 when clean, 1 when it found problems, 2 on bad usage.",
    },
    "cmd_validate_short": {
        "nb": "sjekk skjemaene (for forfattere)",
        "en": "check the questionnaires (for authors)",
    },
    "cmd_test": {
        "nb": "Kjør eksemplene (ID.cases.yaml) og sjekk at hvert utfall er dekket. Avslutter "
        "med 0 når alle består, 1 ellers, 2 ved feil bruk.",
        "en": "Run the scenario cases (ID.cases.yaml) and check every outcome is covered. "
        "Exit 0 when all pass and cover every outcome, 1 otherwise, 2 on bad usage.",
    },
    "cmd_test_short": {
        "nb": "kjør eksemplene (for forfattere)",
        "en": "run the scenario cases (for authors)",
    },
    "cmd_schema": {
        "nb": "Skriv ut JSON-skjemaet for skjema-, kontakt- eller eksempelfiler (for editorer).",
        "en": "Print the JSON Schema of questionnaire, contacts or cases files (for editors).",
    },
    "cmd_schema_short": {
        "nb": "JSON-skjema for editorer (for forfattere)",
        "en": "JSON Schema for editors (for authors)",
    },
    "cmd_sources": {
        "nb": "Sjekk kildesidene mot skjemaene (for forfattere).",
        "en": "Check the source pages against the questionnaires (for authors).",
    },
    "cmd_sources_short": {
        "nb": "sjekk kildesidene (for forfattere)",
        "en": "check the source pages (for authors)",
    },
    "cmd_check": {
        "nb": "Sammenlign hvert sitat fra en kildeside med en fersk kopi av siden (lagret tekst "
        "eller HTML, eller hentet med --url): sitater som mangler eller er endret, hva som "
        "bygger på dem, og telefonnumre og e-postadresser som er nye eller borte. Avslutter "
        "med 0 uten endringer, 1 når noe er endret, 2 ved feil bruk.",
        "en": "Compare every quote from a source page with a fresh copy of the page (saved "
        "text or HTML, or fetched with --url): quotes missing or changed, what rests on them, "
        "and phone numbers and e-mail addresses that are new or gone. Exit 0 when nothing "
        "changed, 1 when something did, 2 on bad usage.",
    },
    "cmd_check_short": {
        "nb": "sammenlign sitatene med en fersk kopi av siden",
        "en": "compare the quotes with a fresh copy of the page",
    },
    "cmd_export": {
        "nb": "Skriv et skjema som FHIR R4 Questionnaire (JSON) for andre skjemaverktøy, "
        "f.eks. LHC-Forms eller Helsenorges skjemaløsning. Se docs/fhir.md.",
        "en": "Write a questionnaire as a FHIR R4 Questionnaire (JSON) for other form tools, "
        "e.g. LHC-Forms or Helsenorge's renderer. See docs/fhir.md.",
    },
    "cmd_export_short": {
        "nb": "skriv et skjema som FHIR R4",
        "en": "write a questionnaire as FHIR R4",
    },
    "opt_export_output_format": {
        "nb": "fhir (FHIR R4 Questionnaire, JSON).",
        "en": "fhir (FHIR R4 Questionnaire, JSON).",
    },
    "opt_export_output": {
        "nb": "Skriv til FIL i stedet for standard ut (bare lesbar for deg).",
        "en": "Write to FILE instead of standard output (readable only by you).",
    },
    "fhir_expression_warning": {
        "nb": "advarsel: {id}: vilkåret for {questions} kan ikke uttrykkes med enableWhen og "
        "er eksportert som enableWhenExpression (FHIRPath). LHC-Forms støtter det; "
        "Helsenorges skjemaløsning (refero) gjør det ikke og viser da spørsmålet alltid.",
        "en": "warning: {id}: the condition of {questions} cannot be expressed with enableWhen "
        "and is exported as enableWhenExpression (FHIRPath). LHC-Forms supports it; "
        "Helsenorge's renderer (refero) does not, and then always shows the question.",
    },
    "opt_help": {"nb": "Vis denne hjelpen og avslutt.", "en": "Show this message and exit."},
    "opt_version": {"nb": "Vis versjonen og avslutt.", "en": "Show the version and exit."},
    "opt_questionnaire_id": {
        "nb": "Skjemaets id eller norske navn (se triage list).",
        "en": "Questionnaire id or alias (see triage list).",
    },
    "opt_help_name": {
        "nb": "En kommando eller et skjema.",
        "en": "A command or questionnaire to explain.",
    },
    "opt_answers_file": {
        "nb": "Svar (YAML eller JSON) å starte fra; bare det som mangler, blir spurt om.",
        "en": "Answers (YAML or JSON) to start from; only what is missing is asked.",
    },
    "opt_set_values": {
        "nb": "Svar på ett spørsmål på forhånd, f.eks. --set age=34 (kan gjentas; "
        "«unknown» er et svar).",
        "en": "Pre-answer one question, e.g. --set age=34 (repeatable; 'unknown' is an answer).",
    },
    "opt_no_input": {
        "nb": "Spør aldri; svar som mangler, er en feil.",
        "en": "Never prompt; missing answers are an error.",
    },
    "opt_plain": {
        "nb": "Spør linje for linje uten markørbevegelser (rør, skjermlesere); automatisk når "
        "inn- eller utdata ikke er en terminal, eller TERM=dumb.",
        "en": "Ask line by line without cursor movement (pipes, screen readers); automatic "
        "when stdin or stdout is not a terminal, or TERM=dumb.",
    },
    "opt_output_format": {
        "nb": "rich (skjerm), markdown eller text (journalnotat), json, fhir (FHIR R4 "
        "QuestionnaireResponse). Standard er rich, eller etter filendelsen til --output.",
        "en": "rich (screen), markdown or text (journal note), json, fhir (FHIR R4 "
        "QuestionnaireResponse). Default rich, or from the --output file's suffix.",
    },
    "opt_contacts_output_format": {
        "nb": "rich (skjerm) eller json.",
        "en": "rich (screen) or json.",
    },
    "opt_explain_output_format": {
        "nb": "rich (terminal), markdown (utdelingsark), html (utdelingsark til utskrift, med "
        "flytskjema), svg, mermaid eller dot (flytskjema).",
        "en": "rich (terminal), markdown (handout), html (printable handout with the "
        "flowchart), svg, mermaid or dot (flowchart).",
    },
    "opt_explain_output": {
        "nb": "Skriv til FIL, bare lesbar for deg (.html, .svg, .mmd, .dot velger formatet; "
        "ellers markdown).",
        "en": "Write to FILE, readable only by you (.html, .svg, .mmd, .dot pick the format; "
        "otherwise markdown).",
    },
    "opt_lang": {
        "nb": "nb eller en (standard nb, eller $TRIAGE_LANG).",
        "en": "nb or en (default nb, or $TRIAGE_LANG).",
    },
    "opt_questionnaires": {
        "nb": "Legg til en mappe med skjemaer og kontakter; filene der erstatter de innebygde "
        "med samme id (kan gjentas; også $TRIAGE_QUESTIONNAIRES, skilt med «{pathsep}»).",
        "en": "Add a folder of questionnaires and contacts; its files override the shipped "
        "ones by id (repeatable; also $TRIAGE_QUESTIONNAIRES, separated by '{pathsep}').",
    },
    "opt_only": {
        "nb": "Bruk bare mappene som er lagt til, ikke de innebygde skjemaene.",
        "en": "Use only the added folders, not the shipped questionnaires.",
    },
    "opt_output": {
        "nb": "Lagre også rapporten i FIL (.md: markdown, .json: json, ellers tekst). Se "
        "README om hvem som kan lese filen.",
        "en": "Also save the report in FILE (.md: markdown, .json: json, otherwise text). "
        "See the README for who can read the file.",
    },
    "opt_force": {"nb": "La --output erstatte en fil.", "en": "Let --output replace a file."},
    "opt_why": {
        "nb": "Vis setningene i kildene som resultatet bygger på.",
        "en": "Show the source sentences behind the result.",
    },
    "opt_strict": {"nb": "Avslutt med 1 også ved advarsler.", "en": "Exit 1 on warnings too."},
    "opt_notes": {
        "nb": "Vis også det en fil sier er tilsiktet, f.eks. utfallenes «before».",
        "en": "Also list what a file marks as intended, e.g. outcomes' 'before'.",
    },
    "opt_validate_paths": {
        "nb": "Skjema-, kontakt- eller eksempelfiler, eller mapper (standard: de i bruk).",
        "en": "Questionnaire, contacts or cases files, or folders (default: those in use).",
    },
    "opt_test_paths": {
        "nb": "Skjema- eller eksempelfiler, eller mapper (standard: skjemaene i bruk).",
        "en": "Questionnaire or cases files, or folders (default: the questionnaires in use).",
    },
    "opt_kind": {"nb": "Hvilken filtype.", "en": "Which file's schema to print."},
    "opt_page_file": {
        "nb": "Siden lagret som tekst eller HTML (som nettleseren lagrer den).",
        "en": "The page saved as text or HTML (as a browser saves it).",
    },
    "opt_page": {
        "nb": "Kildens id i contacts.yaml, når filnavnet ikke er id-en og innholdet ikke "
        "viser hvilken side det er.",
        "en": "The source's id in contacts.yaml, when the file is not named after it and its "
        "content does not tell which page it is.",
    },
    "opt_url": {
        "nb": "Hent siden fra denne adressen i stedet for fra en fil (bare når du ber om det).",
        "en": "Fetch the page from this address instead of a file (only when asked).",
    },
    "opt_check_output_format": {
        "nb": "rich (skjerm) eller json.",
        "en": "rich (screen) or json.",
    },
    "opt_search": {
        "nb": "Vis bare kontakter med dette i navn, rolle eller organisasjon.",
        "en": "Show only contacts whose name, role or organisation has this.",
    },
    "opt_case_name": {
        "nb": "Spill bare dette eksempelet: nummeret eller en del av navnet.",
        "en": "Play only this case: its number or a part of its name.",
    },
    "opt_list_cases": {
        "nb": "Vis eksemplene med nummer, uten å spille dem.",
        "en": "List the cases with their numbers, without playing them.",
    },
    "opt_no_pause": {
        "nb": "Ikke vent på en tast mellom eksemplene.",
        "en": "Do not wait for a key between cases.",
    },
    # --- start and hand-overs
    "offer_start": {
        "nb": "Vil du starte veiviseren som finner riktig skjema?",
        "en": "Start the guide that finds the right questionnaire?",
    },
    "handover": {"nb": "Går videre til «{title}»", "en": "Continuing with “{title}”"},
    "next_questionnaire": {"nb": "Neste skjema", "en": "Next questionnaire"},
    "carried": {"nb": "Svar som tas med", "en": "Answers carried over"},
    "went_on_without": {
        "nb": "Ikke avklart – veiviseren går videre med det den vet",
        "en": "Not settled – the guide goes on with what it knows",
    },
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
    "closing_title": {"nb": "Kort fortalt", "en": "In short"},
    "closing_clarify": {"nb": "Avklar:", "en": "Clarify:"},
    "closing_more": {
        "nb": "… og {count} til (se «Dette må avklares»)",
        "en": "… and {count} more (see “To clarify”)",
    },
    "closing_call": {"nb": "Ring:", "en": "Call:"},
    "closing_contact": {"nb": "Kontakt:", "en": "Contact:"},
    "closing_urgent": {"nb": "Akutt:", "en": "Acute:"},
    # The pager's prompt: less shows ASCII only.
    "pager_keys": {
        "nb": "Mellomrom: neste side, b: tilbake, q: avslutt",
        "en": "Space: next page, b: back, q: quit",
    },
    "pager_end": {"nb": "(slutt)", "en": "(end)"},
    # Help for --cards and --no-pager (the command line looks up opt_<parameter>).
    "opt_cards": {
        "nb": "Vis hver kontakt som et helt kort (rolle, tider, merknad, kilde, sjekket dato) "
        "i stedet for én linje.",
        "en": "Show each contact's full card (role, hours, note, source, checked date) "
        "instead of one line.",
    },
    "opt_no_pager": {
        "nb": "Skriv ut alt på en gang; ellers går utdata som er lengre enn skjermen gjennom "
        "$TRIAGE_PAGER, $PAGER eller less (bare i en terminal).",
        "en": "Print everything at once; by default output longer than the screen goes "
        "through $TRIAGE_PAGER, $PAGER or less (only on a terminal).",
    },
    "urgent": {
        "nb": "Ved akutt fare (nasjonale numre, ikke fra kildesidene)",
        "en": "In acute danger (national numbers, not from the source pages)",
    },
    "websites": {"nb": "Nettsider", "en": "Websites"},
    "website": {"nb": "Nettside", "en": "Website"},
    "checked_label": {"nb": "Hentet fra kilden", "en": "Taken from the source"},
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
    "written_folder_access": {
        "nb": "Lagret i {path} (lesbar for dem som kan lese mappen).",
        "en": "Saved to {path} (readable by whoever can read the folder).",
    },
    # --- errors writing a file the user asked for
    "error_exists": {
        "nb": "{path} finnes allerede: velg et annet navn, eller bruk --force",
        "en": "{path} already exists: choose another name, or pass --force",
    },
    "error_no_folder": {
        "nb": "kan ikke skrive {path}: mappen {folder} finnes ikke "
        "(opprett den først eller velg en annen mappe)",
        "en": "cannot write {path}: the folder {folder} does not exist "
        "(create it first or choose another folder)",
    },
    "error_name_too_long": {
        "nb": "kan ikke skrive {path}: filnavnet er lengre enn {limit} byte (velg et kortere navn)",
        "en": "cannot write {path}: the file name is longer than {limit} bytes "
        "(choose a shorter name)",
    },
    "error_cannot_reach": {
        "nb": "kan ikke skrive {path}: {reason}",
        "en": "cannot write {path}: {reason}",
    },
    "error_not_regular": {
        "nb": "kan ikke skrive {path}: det er ikke en vanlig fil (en enhet eller et rør); "
        "velg et annet navn",
        "en": "cannot write {path}: it is not a regular file (a device or a pipe); "
        "choose another name",
    },
    "error_dangling_link": {
        "nb": "{path} er en lenke til en fil som ikke finnes: velg et annet navn, "
        "eller bruk --force for å erstatte lenken",
        "en": "{path} is a link to a file that does not exist: choose another name, "
        "or pass --force to replace the link",
    },
    "error_is_folder": {
        "nb": "kan ikke skrive {path}: det er en mappe (oppgi et filnavn)",
        "en": "cannot write {path}: it is a folder (give a file name)",
    },
    "error_no_permission": {
        "nb": "kan ikke skrive {path}: du har ikke lov til å skrive i {folder} "
        "(velg en annen mappe)",
        "en": "cannot write {path}: no permission to write in {folder} (choose another folder)",
    },
    "error_cannot_write": {
        "nb": "kan ikke skrive {path}: {reason} (velg en annen mappe)",
        "en": "cannot write {path}: {reason} (choose another folder)",
    },
    # --- triage list: where each questionnaire comes from (issue 3)
    "list_from": {"nb": "fra", "en": "from"},
    "list_shipped": {"nb": "innebygd", "en": "built in"},
    "list_overrides": {"nb": "(erstatter {paths})", "en": "(replaces {paths})"},
    "list_broken": {
        "nb": "feil i filen – kjør: triage validate {path}",
        "en": "the file has errors – run: triage validate {path}",
    },
    "list_id": {"nb": "id", "en": "id"},
    "list_aliases": {"nb": "også", "en": "aliases"},
    "list_title": {"nb": "tittel", "en": "title"},
    "list_questions": {"nb": "spørsmål", "en": "questions"},
    # --- errors a caseworker can meet on the command line
    "error_no_questionnaire": {
        "nb": "finner ikke skjemaet «{name}» (skjemaene er: {names}; se «triage list»)",
        "en": "no questionnaire '{name}' (available: {names}; see 'triage list')",
    },
    "error_no_such_folder": {
        "nb": "skjemamappen {folder} finnes ikke",
        "en": "questionnaire folder {folder}: no such folder",
    },
    "error_folder_is_file": {
        "nb": "skjemamappen {folder} er en fil, ikke en mappe",
        "en": "questionnaire folder {folder}: is a file, not a folder",
    },
    "error_only_needs_folder": {
        "nb": "--only trenger en mappe: legg til --questionnaires MAPPE "
        "(eller sett TRIAGE_QUESTIONNAIRES)",
        "en": "--only needs a folder: add --questionnaires DIR (or set TRIAGE_QUESTIONNAIRES)",
    },
    "error_no_terminal": {
        "nb": "ingen terminal å spørre i: bruk --answers FIL --no-input for å kjøre uten",
        "en": "no terminal to ask in: pass --answers FILE --no-input to run without one",
    },
    "error_missing_answers": {
        "nb": "{where}--no-input, men ingen svar på: {ids} "
        "(legg dem til i svarfilen; «unknown» er et svar)",
        "en": "{where}--no-input but no answer for: {ids} "
        "(add them to the answers file; 'unknown' is an answer)",
    },
    "error_answer_id": {
        "nb": "{where}ukjent spørsmåls-id «{id}» (spørsmålene er: {ids})",
        "en": "{where}unknown question id '{id}' (questions: {ids})",
    },
    "error_answer_id_close": {
        "nb": "{where}ukjent spørsmåls-id «{id}» (mente du «{close}»?)",
        "en": "{where}unknown question id '{id}' (did you mean '{close}'?)",
    },
    "error_answer_number": {
        "nb": "{where}svaret på «{id}» må være et helt tall{range} eller «vet ikke», "
        "ikke «{value}»",
        "en": "{where}the answer to '{id}' must be a whole number{range} or unknown, not '{value}'",
    },
    "error_answer_date": {
        "nb": "{where}svaret på «{id}» må være en dato (ÅÅÅÅ-MM-DD){range} eller «vet ikke», "
        "ikke «{value}»",
        "en": "{where}the answer to '{id}' must be a date (YYYY-MM-DD){range} or unknown, "
        "not '{value}'",
    },
    "error_answer_yes_no": {
        "nb": "{where}svaret på «{id}» må være ja, nei eller «vet ikke», ikke «{value}»",
        "en": "{where}the answer to '{id}' must be true, false or unknown, not '{value}'",
    },
    "error_answer_choice": {
        "nb": "{where}svaret på «{id}» må være ett av {choices} eller «vet ikke», ikke «{value}»",
        "en": "{where}the answer to '{id}' must be one of {choices} or unknown, not '{value}'",
    },
    "error_fhir_not_response": {
        "nb": "{where}en FHIR {found}, ikke en QuestionnaireResponse: gi svarene (responsen), "
        "ikke skjemaet",
        "en": "{where}a FHIR {found}, not a QuestionnaireResponse: give the response "
        "(the answers), not the questionnaire",
    },
    "error_fhir_other": {
        "nb": "{where}dette er svar på «{found}», ikke på «{id}»: bruk det med triage {found} "
        "--answers {file}",
        "en": "{where}this is a response to '{found}', not to '{id}': use it with triage "
        "{found} --answers {file}",
    },
    "error_fhir_shape": {
        "nb": "{where}«{field}» har ikke formen til en FHIR QuestionnaireResponse",
        "en": "{where}'{field}' does not have the shape of a FHIR QuestionnaireResponse",
    },
    "error_fhir_twice": {
        "nb": "{where}«{id}» er besvart to ganger",
        "en": "{where}'{id}' is answered twice",
    },
    "error_fhir_many": {
        "nb": "{where}«{id}» har {count} svar; et spørsmål i triage tar ett",
        "en": "{where}'{id}' has {count} answers; a triage question takes one",
    },
    "error_fhir_value": {
        "nb": "{where}svaret på «{id}» har ingen verdi triage leser ({keys})",
        "en": "{where}the answer to '{id}' has no value triage reads ({keys})",
    },
    "error_fhir_coding": {
        "nb": "{where}svaret på «{id}» er en koding triage ikke kjenner ({coding}): svar med "
        "alternativene fra «triage export {questionnaire}»",
        "en": "{where}the answer to '{id}' is a coding triage does not know ({coding}): answer "
        "with the options of 'triage export {questionnaire}'",
    },
    "error_set_form": {
        "nb": "--set {item}: skriv --set ID=VERDI, f.eks. --set age=34",
        "en": "--set {item}: use --set ID=VALUE, e.g. --set age=34",
    },
    "error_language": {
        "nb": "ukjent språk «{given}»: bruk nb eller en",
        "en": "unknown language '{given}': use nb or en",
    },
    "error_page_not_text": {
        "nb": "{where}: ikke en tekst- eller HTML-side: lagre siden som HTML eller kopier teksten",
        "en": "{where}: not a text or HTML page: save the page as HTML or copy its text",
    },
    "error_page_missing": {
        "nb": "{where}: finnes ikke: oppgi filen med den lagrede siden",
        "en": "{where}: no such file: give the saved page's file",
    },
    "error_page_folder": {
        "nb": "{where}: er en mappe: oppgi filen med den lagrede siden",
        "en": "{where}: is a folder: give the saved page's file",
    },
    "error_page_unreadable": {
        "nb": "{where}: kan ikke leses ({reason})",
        "en": "{where}: cannot be read ({reason})",
    },
    "error_page_too_large": {
        "nb": "{where}: større enn {size} MB: ikke en kildeside",
        "en": "{where}: larger than {size} MB: not a source page",
    },
    "error_url_scheme": {
        "nb": "--url {url}: oppgi en adresse som begynner med http:// eller https://",
        "en": "--url {url}: give an http:// or https:// address",
    },
    "error_fetch": {
        "nb": "kunne ikke hente {url}: {reason} (sjekk adressen og nettet, eller lagre siden i "
        "nettleseren og oppgi filen)",
        "en": "could not fetch {url}: {reason} (check the address and the network, or save the "
        "page in a browser and pass the file)",
    },
    "error_page_or_url": {
        "nb": "oppgi siden lagret som fil, eller --url ADRESSE (én av de to)",
        "en": "give the page saved as a file, or --url ADDRESS (one of the two)",
    },
    "error_unknown_page": {
        "nb": "--page {page}: ingen kildeside har den id-en (velg en av: {choices})",
        "en": "--page {page}: no source page of that id (choose one of: {choices})",
    },
    "error_which_page": {
        "nb": "{where}: kan ikke se hvilken kildeside dette er: oppgi --page ID (en av: "
        "{choices}), eller gi filen kildens id som navn",
        "en": "{where}: cannot tell which source page this is: pass --page ID (one of: "
        "{choices}), or name the file after the source id",
    },
    "error_no_cases": {
        "nb": "ingen eksempler for «{id}» (ventet filen {path})",
        "en": "no scenario cases for '{id}' (expected {path})",
    },
    "error_no_case": {
        "nb": "ingen eksempler passer «{name}» (se: triage demo {id} --list)",
        "en": "no case matches '{name}' (see: triage demo {id} --list)",
    },
    "error_ambiguous_case": {
        "nb": "«{name}» passer flere eksempler: {names} (velg ett med nummeret)",
        "en": "'{name}' matches several cases: {names} (pick one by its number)",
    },
}


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """Return the tool's text for ``key`` in ``lang`` (bokmål if missing), filled in."""
    table = MESSAGES[key]
    text = table.get(lang) or table[DEFAULT_LANG]
    return text.format(**values) if values else text


def localized(error: TriageError, lang: str) -> str:
    """Return ``error``'s message in ``lang`` when it has a translation, else the English one."""
    if not error.key:
        return error.message
    return escape_controls(t(error.key, lang, **error.values))
