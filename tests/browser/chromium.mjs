// Shared by the browser-test scripts: start the system Chromium through puppeteer-core, and
// open pages that may load nothing but what the test serves on 127.0.0.1.
import puppeteer from 'puppeteer-core';

export async function readJsonFromStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function launch(executablePath) {
  return puppeteer.launch({
    executablePath,
    headless: true,
    // Root in a container has no user namespaces for the sandbox; the pages are our own files.
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions'],
  });
}

// A page that records (and refuses) every request that leaves 127.0.0.1, and every script error.
export async function openPage(browser, viewport = {width: 1280, height: 900}) {
  const page = await browser.newPage();
  await page.setViewport(viewport);
  const problems = {offline: [], errors: []};
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'about:' || url.hostname === '127.0.0.1') {
      request.continue();
    } else {
      problems.offline.push(request.url());
      request.abort();
    }
  });
  page.on('pageerror', (error) => problems.errors.push(String(error.message || error)));
  return {page, problems};
}
