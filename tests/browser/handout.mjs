// Open HTML pages in the system Chromium, screenshot them, and measure what overflows.
//
// stdin:  {"chromium": PATH, "pages": [{"url": URL, "screenshot": PNG PATH PREFIX, "widths": [PX]}]}
// stdout: [{"url", "width", "screenshot" (or null), "svgs", "texts", "boxed", "text_overflows",
//           "html_overflows", "page_overflow", "offline", "errors"}, ...] (one per page and width)
// The screenshot (the whole page, PREFIX-WIDTH.png) is taken at a page's first width only:
// capturing a long page takes a second or two.
//
// An SVG <text> belongs to the smallest filled shape (rect, polygon, ellipse, circle, path)
// whose on-screen box holds the text's centre; the text overflows when its own on-screen box
// is not inside that shape's box (half a pixel of slack). A text no shape holds (an edge label,
// a legend) must stay inside its <svg>. An HTML element overflows when its content is wider
// than its box (scrollWidth > clientWidth).
import {launch, openPage, readJsonFromStdin} from './chromium.mjs';

const input = await readJsonFromStdin();
const browser = await launch(input.chromium);
const results = [];
try {
  for (const {url, screenshot, widths} of input.pages) {
    for (const width of widths) {
      const {page, problems} = await openPage(browser, {width, height: 900});
      await page.goto(url, {waitUntil: 'load'});
      await page.evaluate(() => document.fonts.ready);
      const path = width === widths[0] ? `${screenshot}-${width}.png` : null;
      if (path) await page.screenshot({path, fullPage: true});
      const measured = await page.evaluate(measure);
      results.push({url, width, screenshot: path, ...measured, ...problems});
      await page.close();
    }
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(results));

function measure() {
  const SLACK = 0.5;
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  };
  const inside = (inner, outer) => inner.left >= outer.left - SLACK && inner.right <= outer.right + SLACK
    && inner.top >= outer.top - SLACK && inner.bottom <= outer.bottom + SLACK;
  const holds = (outer, x, y) => x >= outer.left && x <= outer.right && y >= outer.top && y <= outer.bottom;
  const overlaps = (a, b) => a.left < b.right - SLACK && a.right > b.left + SLACK
    && a.top < b.bottom - SLACK && a.bottom > b.top + SLACK;
  // Where the author put the text: its x and y (of the first <tspan> when it has none), a third
  // of the font size above the baseline, on screen.
  const anchor = (text) => {
    const placed = text.x.baseVal.numberOfItems ? text : (text.querySelector('tspan') || text);
    const point = text.ownerSVGElement.createSVGPoint();
    point.x = placed.x.baseVal.numberOfItems ? placed.x.baseVal.getItem(0).value : 0;
    point.y = (placed.y.baseVal.numberOfItems ? placed.y.baseVal.getItem(0).value : 0)
      - parseFloat(getComputedStyle(text).fontSize) / 3;
    const onScreen = point.matrixTransform(text.getScreenCTM());
    return [onScreen.x, onScreen.y];
  };
  const overflow = (text, own, holder) => textOverflows.push(
    {text: text.textContent.trim(), box: own, holder: holder.shape.tagName, holder_box: holder.box});
  const area = (b) => (b.right - b.left) * (b.bottom - b.top);
  const svgs = [...document.querySelectorAll('svg')].filter((svg) => !svg.parentElement.closest('svg'));
  const textOverflows = [];
  let texts = 0;
  let boxed = 0;
  for (const svg of svgs) {
    const shapes = [...svg.querySelectorAll('rect, polygon, ellipse, circle, path')]
      .filter((shape) => getComputedStyle(shape).fill !== 'none')
      .map((shape) => ({shape, box: box(shape)}));
    for (const text of svg.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      texts += 1;
      const own = box(text);
      const [x, y] = anchor(text);
      const holders = shapes.filter((s) => holds(s.box, x, y)).sort((a, b) => area(a.box) - area(b.box));
      if (holders.length) {
        boxed += 1;
        if (!inside(own, holders[0].box)) overflow(text, own, holders[0]);
      } else {
        const crossed = shapes.find((s) => overlaps(own, s.box));
        if (crossed) overflow(text, own, crossed);
        else if (!inside(own, box(svg))) overflow(text, own, {shape: svg, box: box(svg)});
      }
    }
  }
  const htmlOverflows = [...document.body.querySelectorAll('*')]
    .filter((el) => !el.closest('svg') && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
    .map((el) => ({tag: el.tagName.toLowerCase(), class: el.className, text: el.textContent.trim().slice(0, 80),
      scrollWidth: el.scrollWidth, clientWidth: el.clientWidth}));
  const root = document.documentElement;
  return {
    svgs: svgs.length,
    texts,
    boxed,
    text_overflows: textOverflows,
    html_overflows: htmlOverflows,
    page_overflow: root.scrollWidth > root.clientWidth + 1,
  };
}
