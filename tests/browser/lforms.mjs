// Fill FHIR Questionnaires in LHC-Forms as a user would, in the system Chromium.
//
// stdin:  {"chromium": PATH, "url": PAGE, "questionnaire": {...}, "runs": [[STEP, ...], ...]}
//         STEP = {"linkId": ID, "value": N | "YYYY-MM-DD" | true | false | "option's display text"}
// stdout: [{"visible": [[linkId, ...] before any step, after step 1, ...],
//           "response": QuestionnaireResponse, "offline": [...], "errors": [...]}, ...]
//
// Each run starts from a fresh form. Numbers and dates are typed and the field left with Tab;
// yes/no and options are clicked: a radio button, or the autocomplete list LHC-Forms shows
// for a choice (click the field, click the entry). The model is never set directly.
import {launch, openPage, readJsonFromStdin} from './chromium.mjs';

const input = await readJsonFromStdin();
const browser = await launch(input.chromium);
const results = [];
try {
  const {page, problems} = await openPage(browser);
  await page.goto(input.url, {waitUntil: 'load'});
  await page.waitForFunction(() => window.LForms?.Util?.addFormToPage && LForms.Util.getFormFHIRData);
  for (const steps of input.runs) {
    problems.offline.length = problems.errors.length = 0;
    results.push({...await fill(page, steps), offline: [...problems.offline], errors: [...problems.errors]});
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));

// Fill a fresh copy of the form (the page stays loaded: loading LHC-Forms takes a second).
async function fill(page, steps) {
  await page.evaluate((q) => {
    document.getElementById('form').replaceChildren();
    LForms.Util.addFormToPage(q, 'form', {fhirVersion: 'R4'});
  }, input.questionnaire);
  await page.waitForSelector('#form lhc-item');
  const visible = [await settledVisible(page)];
  for (const step of steps) {
    await answer(page, step);
    visible.push(await settledVisible(page));
  }
  const response = await page.evaluate(() =>
    LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', document.getElementById('form')));
  return {visible, response};
}

// The linkIds of the items on screen, once two looks 40 ms apart agree (Angular has settled).
async function settledVisible(page) {
  let last = null;
  for (let i = 0; i < 100; i++) {
    const now = await page.$$eval('lhc-item', (items) => items
      .filter((item) => item.getClientRects().length > 0)
      .map((item) => item.id.replace(/^item-/, '').replace(/(\/\d+)+$/, '')));
    if (last !== null && JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  return last;
}

async function answer(page, {linkId, value}) {
  const item = await page.$(`lhc-item[id="item-${linkId}/1"]`);
  if (!item) throw new Error(`${linkId}: not on screen, so it cannot be answered`);
  const type = await item.evaluate((el) => [...el.classList].find((c) => c.startsWith('lhc-datatype-')));
  if (type === 'lhc-datatype-INT' || type === 'lhc-datatype-REAL') {
    const field = await item.$(`input[id="${linkId}/1"]`);
    await field.click({clickCount: 3});
    await field.type(String(value));
    await page.keyboard.press('Tab');
  } else if (type === 'lhc-datatype-DT') {
    // FHIR writes 2026-01-31; LHC-Forms' field asks for MM/DD/YYYY.
    const [year, month, day] = String(value).split('-');
    const field = await item.$('input');
    await field.click({clickCount: 3});
    await field.type(`${month}/${day}/${year}`);
    await page.keyboard.press('Tab');
  } else if (type === 'lhc-datatype-BL') {
    await (await item.$(`label[id="${linkId}/1|${value}"]`)).click();
  } else if (['lhc-datatype-CODING', 'lhc-datatype-CNE', 'lhc-datatype-CWE'].includes(type)) {
    await choose(page, item, linkId, String(value));
  } else {
    throw new Error(`${linkId}: this script does not fill LHC-Forms items of type ${type}`);
  }
}

// Click the radio button (or checkbox) labelled `display`, or pick it from the autocomplete list.
async function choose(page, item, linkId, display) {
  const labels = await item.$$('label.ant-radio-wrapper, label.ant-checkbox-wrapper');
  for (const label of labels) {
    if ((await label.evaluate((el) => el.textContent.trim())) === display) {
      await label.click();
      return;
    }
  }
  const field = await item.$(`input[id="${linkId}/1"]`);
  if (!field) throw new Error(`${linkId}: no option «${display}» and no field to pick it in`);
  await field.click();
  const entries = await page.waitForFunction((wanted) => {
    const shown = [...document.querySelectorAll('#searchResults li, .autocomp_selected li, li[autocomprawlistindex]')]
      .filter((li) => li.getClientRects().length > 0);
    return shown.length > 0 && shown;
  }, {timeout: 5000}, display);
  const handles = await entries.getProperties();
  for (const handle of handles.values()) {
    const element = handle.asElement();
    if (!element) continue;
    const text = await element.evaluate((li) => li.textContent.replace(/^\s*\d+:\s*/, '').trim());
    if (text === display) {
      await element.click();
      await page.keyboard.press('Tab');
      return;
    }
  }
  throw new Error(`${linkId}: the list offers no «${display}»`);
}
