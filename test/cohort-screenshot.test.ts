import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse, LineMap } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
import type { FileReport } from '../server/src/report/file-report.js';
import { cohortHtml } from '../server/src/report/html.js';

/**
 * The cohort report of 30 learners, rendered by a real browser: Debian's Chromium,
 * driven by playwright-core (which downloads no browser of its own). It saves a
 * full-page screenshot to test-results/cohort-report.png for a person to look at,
 * and prints the page to PDF. Without Chromium the suite is skipped on a developer's
 * machine and fails in CI, which installs it.
 */

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const root = join(import.meta.dirname, '..');
const outDir = join(root, 'test-results');
const criteria = bundledCriteria().criteria;

const NAMES = [
  'Amelia Hughes', 'Oliver Bennett', 'Isla Campbell', 'Harry Patel', 'Ava Thompson', 'Jack Robinson',
  'Mia Evans', 'Noah Walsh', 'Sophie Clarke', 'George Ahmed', 'Grace Lewis', 'Leo Murphy',
  'Freya Wood', 'Arthur Kaur', 'Poppy Morgan', 'Alfie Davies', 'Evie Turner', 'Theo Edwards',
  'Lily Shaw', 'Oscar Nowak', 'Rosie Fraser', 'Charlie Khan', 'Ella Price', 'Jacob Reid',
  'Daisy Owen', 'Henry Begum', 'Maya Kelly', 'Archie Lloyd', 'Zara Osei', 'Finley Jones',
];

/** The fixture and example texts the variants are made from. */
function sourceTexts(): string[] {
  const dirs = [join(root, 'examples'), join(root, 'test', 'cli', 'fixtures', 'cohort'), join(root, 'test', 'cli', 'report-cohort')];
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => readFileSync(join(dir, f), 'utf8')),
  );
}

/** A learner's variant of a source: their name in the front matter, and some paragraphs left out. */
function variant(source: string, name: string, i: number): string {
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(source);
  const meta = (fm?.[1] ?? '').split('\n').filter((l) => l && !l.startsWith('learner:'));
  const body = fm ? source.slice(fm[0].length) : source;
  const blocks = body.split(/\n\s*\n/);
  const drop = 2 + (i % 4); // leave out every 2nd to 5th block, at an offset per learner
  const kept = blocks.filter((b, j) => j === 0 || /^#/.test(b.trim()) || (j + i) % drop !== 0);
  return `---\nlearner: ${name}\n${meta.join('\n')}\n---\n${kept.join('\n\n')}`;
}

function thirtyLearners(): FileReport[] {
  const sources = sourceTexts();
  const reports: FileReport[] = [];
  NAMES.forEach((name, i) => {
    const text = variant(sources[i % sources.length]!, name, i);
    const path = `cohort/${name.toLowerCase().replace(/\s+/g, '-')}.md`;
    reports.push({ path, text, result: analyse(text, criteria), lines: new LineMap(text) });
  });
  reports.push({ path: 'cohort/ruby-nash.md', error: 'permission denied' });
  return reports;
}

describe.runIf(hasChromium || process.env.CI !== undefined)('cohort report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders 30 learners readably, with a full-page screenshot and a printable PDF', async () => {
    const reports = thirtyLearners();
    const html = cohortHtml(reports, { criteria, generatedAt: '2025-03-12T14:05:00Z', title: 'Customer service Level 3: spring cohort' });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'cohort-report.html'), html);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.setContent(html, { waitUntil: 'load' });

    const matrix = page.locator('table.matrix');
    await expect.poll(() => matrix.isVisible()).toBe(true);
    expect(await matrix.locator('tbody tr.learner-row').count()).toBe(30);
    expect(await matrix.locator('tbody tr.learner-row th a').first().getAttribute('href')).toMatch(/^#learner-\d+$/);
    // The matrix fits the window: no column is pushed off the page.
    const box = (await matrix.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    // The chart and every learner's section are there, and nothing ran or was fetched.
    expect(await page.locator('#misconceptions svg g.bar').count()).toBeGreaterThan(0);
    expect(await page.locator('article.learner').count()).toBe(30);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);

    await page.screenshot({ path: join(outDir, 'cohort-report.png'), fullPage: true });
    await page.screenshot({ path: join(outDir, 'cohort-report-top.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.min(2400, box.y + box.height + 700) } });

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(outDir, 'cohort-report.pdf'), pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The cover, the chart and one page per learner (at least).
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(31);
    await page.close();
  }, 120_000);
});
