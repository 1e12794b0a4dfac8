import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyse, LineMap } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
import { checkInputs } from '../server/src/cli/main.js';
import { cliRange, type FileReport } from '../server/src/report/file-report.js';
import { nameFromPath, shorten } from '../server/src/report/cohort.js';
import { cohortHtml } from '../server/src/report/html.js';
import { cohortCsv } from '../server/src/report/csv.js';

const cliDir = join(import.meta.dirname, 'cli');
const criteria = bundledCriteria().criteria;
const generatedAt = '2025-03-12T14:05:00Z';

/**
 * The small cohort in test/cli/report-cohort/: two learners of org-purpose-brand (one
 * named `<script>…` in its front matter, one with no `learner:` at all), one of
 * plan-deliver and one of service-environment, plus a file that could not be read.
 */
let reports: FileReport[];
let html: string;

beforeAll(async () => {
  reports = await checkInputs(['report-cohort'], criteria, { cwd: cliDir, config: false });
  expect(reports.every((r) => r.text !== undefined)).toBe(true); // evidence is quoted from them
  reports.push({ path: 'report-cohort/lost.md', error: 'no such file or directory' });
  html = cohortHtml(reports, { criteria, generatedAt, title: 'Level 3 cohort, spring term' });
});

const report = (file: string) => reports.find((r) => r.path.endsWith(file))!;
const SCRIPT_NAME = `<script>alert('x')</script>`;
const SCRIPT_NAME_ESCAPED = '&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;';

/** The matrix as data: column IDs, then each row's learner and its cells in column order ('' for n/a). */
function parseMatrix(page: string) {
  const table = /<table class="matrix[^"]*">([\s\S]*?)<\/table>/.exec(page)![1]!;
  const columns = [...table.matchAll(/<th scope="col" class="pt[^"]*" data-point="([^"]+)"/g)].map((m) => m[1]!);
  const rows = [...table.matchAll(/<tr class="learner-row" data-learner="([^"]*)">([\s\S]*?)<\/tr>/g)].map((m) => ({
    learner: m[1]!,
    cells: [...m[2]!.matchAll(/<td class="(na|s-\w+)[^"]*"(?: data-point="([^"]+)" data-status="(\w+)")?/g)].map((c) => (c[1] === 'na' ? '' : c[3]!)),
    points: [...m[2]!.matchAll(/data-point="([^"]+)"/g)].map((c) => c[1]!),
  }));
  return { columns, rows };
}

describe('cohortHtml: the matrix', () => {
  it('has one column per marking point of each element in the cohort, grouped by element', () => {
    const { columns } = parseMatrix(html);
    const pointsOf = (element: string) => criteria.packs.get(element)!.markingPoints.map((p) => `${element}/${p.id}`);
    expect(columns).toEqual([...pointsOf('org-purpose-brand'), ...pointsOf('plan-deliver'), ...pointsOf('service-environment')]);
    expect(html).toMatch(/<th scope="colgroup" colspan="4" class="group" title="Organisation purpose, values, brand and policies \(org-purpose-brand\)">org-<wbr>purpose-<wbr>brand<\/th>/);
    expect(html).toContain('colspan="8" class="group"');
    // Each column header carries the point's summary as its tooltip.
    const point = criteria.packs.get('service-environment')!.markingPoints.find((p) => p.id === 'referral-methods')!;
    expect(html).toContain(`data-point="service-environment/referral-methods" title="service-environment/referral-methods: ${point.summary.replace(/'/g, '&#39;')}"`);
  });

  it('has one row per readable learner, grouped by element then by name, each linking to its section', () => {
    const { rows } = parseMatrix(html);
    expect(rows.map((r) => r.learner)).toEqual([SCRIPT_NAME_ESCAPED, 'farah-brand', 'Erin O&#39;Neill &amp; &quot;Co&quot;', 'Dev Patel']);
    expect(html).toContain('<th scope="row"><a href="#learner-1">farah-brand</a></th>');
    expect(html).toContain('<article class="learner" id="learner-1" aria-labelledby="learner-1-name">\n<h3 id="learner-1-name">farah-brand</h3>');
  });

  it('shows each learner only against their own element, with the status the engine gave', () => {
    const { columns, rows } = parseMatrix(html);
    const files = ['chloe-brand.md', 'farah-brand.md', 'erin-plan.md', 'dev-environment.md'];
    rows.forEach((row, i) => {
      const result = report(files[i]!).result!;
      expect(row.cells).toHaveLength(columns.length);
      columns.forEach((id, j) => {
        const cov = result.coverage.find((c) => c.id === id);
        expect(row.cells[j], `${row.learner} × ${id}`).toBe(cov ? cov.status : '');
      });
    });
    // Spot checks, so the test does not only agree with itself.
    const cell = (row: number, id: string) => rows[row]!.cells[columns.indexOf(id)];
    expect(cell(1, 'org-purpose-brand/internal-external-customers')).toBe('covered');
    expect(cell(0, 'org-purpose-brand/internal-external-customers')).toBe('missing');
    expect(cell(0, 'org-purpose-brand/service-brand-impact')).toBe('partial');
    expect(cell(3, 'service-environment/referral-methods')).toBe('missing');
    expect(cell(3, 'service-environment/repeat-business')).toBe('covered');
    expect(cell(3, 'org-purpose-brand/mission-values-customers')).toBe('');
    expect(cell(2, 'service-environment/repeat-business')).toBe('');
  });

  it('never relies on colour alone: every status cell carries a symbol and a word, n/a cells say so', () => {
    for (const [status, symbol] of [
      ['covered', '✔'],
      ['partial', '◐'],
      ['missing', '✘'],
    ])
      expect(html).toMatch(new RegExp(`data-status="${status}" title="[^"]*"><span aria-hidden="true">${symbol}</span><span class="vh">${status}</span></td>`));
    expect(html).toContain('<td class="na"><span class="vh">n/a</span></td>');
    expect(html).toContain('<p class="legend">');
  });

  it('counts, per point, the learners who cover it', () => {
    // Only farah covers internal-external-customers among the two org-purpose-brand learners.
    expect(html).toContain('title="org-purpose-brand/internal-external-customers: covered by 1 of 2">1</td>');
  });
});

describe('cohortHtml: misconceptions', () => {
  it('counts learners affected per check, most frequent first, leaving out product checks', () => {
    const bars = [...html.matchAll(/<g class="bar" data-check="([^"]+)" data-count="(\d+)">/g)].map((m) => [m[1], Number(m[2])]);
    expect(bars[0]).toEqual(['brand-as-logo', 2]);
    expect(Object.fromEntries(bars)).toEqual({
      'brand-as-logo': 2,
      'escalation-unnamed-role': 1,
      'internal-customers-ignored': 2,
      'no-workplace-context': 1,
      'objective-not-measurable': 1,
    });
    expect(bars.map((b) => b[0])).not.toContain('word-count');
    const counts = bars.map((b) => b[1] as number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('is an accessible inline SVG with a title, a description and a table of the same figures', () => {
    expect(html).toMatch(/<svg role="img" aria-labelledby="mc-title mc-desc"/);
    expect(html).toContain('<title id="mc-title">Most frequent misconceptions, by number of learners affected</title>');
    expect(html).toMatch(/<desc id="mc-desc">Brand treated as just a logo: 2 learners of 4;/);
    expect(html).toContain('<tr><th scope="row">Brand treated as just a logo</th><td><code>brand-as-logo</code></td><td class="num">2</td><td class="num">4</td></tr>');
  });

  it('shows at most ten checks', () => {
    const many: FileReport[] = [];
    const ids = [...criteria.checks.keys()];
    ids.forEach((_, i) => {
      const base = analyse('# Notes\n\nText.\n', criteria, { element: 'service-environment' });
      const findings = ids.slice(0, i + 1).map((check) => ({ check, severity: 'warning' as const, message: 'm', range: { start: 0, end: 1 }, docsUrl: '' }));
      many.push({ path: `l${i}.md`, result: { ...base, findings }, lines: new LineMap('# Notes\n\nText.\n') });
    });
    const page = cohortHtml(many, { criteria, generatedAt });
    const bars = [...page.matchAll(/<g class="bar" data-check="([^"]+)" data-count="(\d+)">/g)];
    expect(bars).toHaveLength(10);
    expect(bars[0]![1]).toBe(ids[0]);
    expect(bars[0]![2]).toBe(String(ids.length));
    expect(page).toContain(`${ids.length - 10} other checks found for fewer learners are not shown.`);
  });
});

describe('cohortHtml: header and learner sections', () => {
  it('has a header with the title, date, number of learners and the elements', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html).toContain('<title>Level 3 cohort, spring term</title>');
    expect(html).toContain('<h1>Level 3 cohort, spring term</h1>');
    expect(html).toContain('Generated <time datetime="2025-03-12T14:05:00Z">12 March 2025, 14:05 UTC</time> · <strong>4 learners</strong> · 3 elements');
    expect(html).toContain('<li><strong>Organisation purpose, values, brand and policies</strong> <span class="muted">(org-purpose-brand)</span>: 2 learners, 4 marking points</li>');
    expect(html).toContain('<li><strong>Organise, plan and deliver customer service</strong> <span class="muted">(plan-deliver)</span>: 1 learner, 4 marking points</li>');
  });

  it('names learners from front matter, else from the file name', () => {
    expect(html).toContain('<h3 id="learner-3-name">Dev Patel</h3>');
    expect(html).toContain('<h3 id="learner-1-name">farah-brand</h3>');
    expect(nameFromPath('cohort/amy-brand.md')).toBe('amy-brand');
    expect(nameFromPath('C:\\work\\amy-brand.markdown')).toBe('amy-brand');
    expect(nameFromPath('-')).toBe('standard input');
  });

  it('gives each learner their file, element, word count against the word limit, points, evidence and findings', () => {
    const section = /<article class="learner" id="learner-0"[\s\S]*?<\/article>/.exec(html)![0];
    const chloe = report('chloe-brand.md');
    expect(section).toContain('<dt>File</dt><dd><code>report-cohort/chloe-brand.md</code></dd>');
    expect(section).toContain('<dt>Element</dt><dd>Organisation purpose, values, brand and policies <span class="muted">(org-purpose-brand, from the front matter)</span></dd>');
    expect(section).toContain(`<dt>Words</dt><dd>${chloe.result!.wordCount} <span class="muted">of a 300-word limit`);
    // Evidence is the quoted text of the evidence ranges, with the facet's label and line.
    expect(section).toMatch(/<li><span class="facet">brand reputation<\/span> <q>Good service builds our reputation and loyalty, and it gives us a competitive advantage over the supermarkets\.<\/q> <span class="loc">line 14<\/span><\/li>/);
    // What is still missing: facets not evidenced, and misconceptions holding a point back.
    expect(section).toMatch(/data-point="org-purpose-brand\/policies-applied" data-status="partial">[\s\S]*?<ul class="missing"><li>complaints handling<\/li><li>data protection<\/li><li>health and safety<\/li><\/ul>/);
    expect(section).toContain('<li>held back by <em>Brand treated as just a logo</em></li>');
    // Findings: line:column, check title, message.
    const finding = chloe.result!.findings.find((f) => f.check === 'brand-as-logo')!;
    const { start } = cliRange(chloe.lines!, finding.range);
    expect(section).toContain(
      `<tr data-check="brand-as-logo"><td class="pos">${start.line}:${start.column}</td><td><span class="sev sev-warning">warning</span></td><td class="ctitle">Brand treated as just a logo<br><code>brand-as-logo</code></td>`,
    );
    expect(section).toContain('<tr data-check="word-count">');
  });

  it('lists the files that could not be read, with the error', () => {
    expect(html).toContain('<a href="#unread">1 file could not be read</a>');
    expect(html).toContain('<li id="unread-4"><code>report-cohort/lost.md</code>: no such file or directory</li>');
  });

  it('shortens long evidence to about 200 characters with an ellipsis', () => {
    const long = 'word '.repeat(100);
    const short = shorten(long);
    expect(short.length).toBeLessThanOrEqual(201);
    expect(short.length).toBeGreaterThan(150);
    expect(short.endsWith('word…')).toBe(true);
    expect(shorten('  a\n  b  ')).toBe('a b');
    expect(shorten('x'.repeat(199) + '😀😀')).toBe('x'.repeat(199) + '…'); // no half surrogate pair
    const sentence = `Our values link to our customers because ${'we listen to every family that visits the shop, '.repeat(8)}and that is why.`;
    const text = `---\nelement: org-purpose-brand\n---\n\n# Values\n\n${sentence}\n`;
    const page = cohortHtml([{ path: 'long.md', text, result: analyse(text, criteria), lines: new LineMap(text) }], { criteria, generatedAt });
    const quote = /<q>([^<]*)<\/q>/.exec(page.slice(page.indexOf('Our values link')  - 20))![1]!;
    expect(quote.endsWith('…')).toBe(true);
    expect(quote.length).toBeLessThanOrEqual(201);
  });

  it('prints in landscape, one learner to a page, with status colours kept', () => {
    expect(html).toContain('@media print{');
    expect(html).toContain('@page{size:A4 landscape;margin:10mm}');
    expect(html).toMatch(/\.learner\{break-before:page/);
    expect(html).toContain('print-color-adjust:exact');
  });
});

describe('cohortHtml: safety', () => {
  it('escapes all learner text: front matter names, body text and attributes', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(`<h3 id="learner-0-name">${SCRIPT_NAME_ESCAPED}</h3>`);
    expect(html).toContain(`<tr class="learner-row" data-learner="${SCRIPT_NAME_ESCAPED}">`);
    expect(html).toContain(`title="${SCRIPT_NAME_ESCAPED} · policies-applied: partial; not yet evidenced: complaints handling, data protection, health and safety"`);
    expect(html).toContain('basically the paw-print logo &lt;script&gt;alert(1)'); // quoted evidence
    expect(html).toContain('our values are Care, Honesty and &quot;&gt;&lt;img src=x onerror=alert(1)&gt;.</q>');
    expect(html).toContain('<h3 id="learner-2-name">Erin O&#39;Neill &amp; &quot;Co&quot;</h3>');
  });

  it('escapes the title, the date, file paths and errors too', () => {
    const page = cohortHtml([{ path: '"><script>x</script>.md', error: '<b>bad</b>' }], { criteria, generatedAt: '<i>now</i>', title: '</title><script>' });
    expect(page).not.toMatch(/<script|<b>|<i>/i);
    expect(page).toContain('<title>&lt;/title&gt;&lt;script&gt;</title>');
    expect(page).toContain('Generated &lt;i&gt;now&lt;/i&gt;');
    expect(page).toContain('<code>&quot;&gt;&lt;script&gt;x&lt;/script&gt;.md</code>: &lt;b&gt;bad&lt;/b&gt;');
    expect(page).toContain('No submission could be analysed.');
  });

  it('is self-contained: no scripts, styles, images, fonts or links from outside', () => {
    expect(html).not.toMatch(/https?:|\/\/[a-z]/i);
    expect(html).not.toMatch(/<[^>]*\s(src|srcset|poster|data|action)\s*=|<link\b|@import|url\(|<iframe|<object|<embed|<base\b/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^#[\w-]+$/);
    // Every in-page link has its target.
    for (const href of hrefs) expect(html).toContain(`id="${href.slice(1)}"`);
  });

  it('does not crash on odd front matter', () => {
    const odd = [
      '---\nlearner: [unclosed\nelement: plan-deliver\n---\n# Plan\n\nText.\n',
      '---\nlearner: |\n  Block Name\n---\n# Plan\n',
      '---\nlearner:\n---\n',
      '---\nlearner: Never Closed\n# Plan\n',
      '\uFEFF---\r\nlearner: "Zoë \\"Z\\" Ng"\r\nword_limit: lots\r\n---\r\n# Plan\r\n',
      '---\n---\n',
      '',
    ];
    const reps = odd.map((text, i) => ({ path: `odd-${i}.md`, text, result: analyse(text, criteria, { element: 'plan-deliver' }), lines: new LineMap(text) }));
    const page = cohortHtml(reps, { criteria, generatedAt });
    // The engine reads front matter as YAML: a block scalar is a name; broken YAML is none.
    expect(parseMatrix(page).rows.map((r) => r.learner)).toEqual(['Block Name', 'odd-0', 'odd-2', 'odd-3', 'odd-5', 'odd-6', 'Zoë &quot;Z&quot; Ng']);
    const named = (text: string) => cohortCsv([{ path: 'x.md', text, result: analyse(text, criteria, { element: 'plan-deliver' }), lines: new LineMap(text) }], { criteria }).split('\r\n')[1].split(',')[0];
    expect(named("---\nlearner: 'Amy O''Brien' # comment\n---\n")).toBe("Amy O'Brien");
    expect(named('# No front matter\nlearner: Amy\n')).toBe('x');
  });
});

/** A tiny RFC 4180 parser: quoted fields with doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (field += c), i++;
    } else if (c === '"' && field === '') (quoted = true), i++;
    else if (c === ',') row.push(field), (field = ''), i++;
    else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    else if (c === '\n' || c === '\r' || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else (field += c), i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length) throw new Error('last record does not end in CRLF');
  return rows;
}

describe('cohortCsv', () => {
  it('has one row per learner with the expected header and values, and parses back as RFC 4180', () => {
    const csv = cohortCsv(reports, { criteria });
    const rows = parseCsv(csv);
    const pointsOf = (element: string) => criteria.packs.get(element)!.markingPoints.map((p) => `${element}/${p.id}`);
    const header = ['learner', 'file', 'element', 'word count', 'errors', 'warnings', 'information', ...pointsOf('org-purpose-brand'), ...pointsOf('plan-deliver'), ...pointsOf('service-environment')];
    expect(rows[0]).toEqual(header);
    expect(rows.map((r) => r[0])).toEqual(['learner', SCRIPT_NAME, 'farah-brand', `Erin O'Neill & "Co"`, 'Dev Patel']);
    for (const r of rows) expect(r).toHaveLength(header.length);
    const col = (name: string) => header.indexOf(name);
    const dev = rows[4]!;
    const devResult = report('dev-environment.md').result!;
    expect(dev.slice(0, 7)).toEqual(['Dev Patel', 'report-cohort/dev-environment.md', 'service-environment', String(devResult.wordCount), '0', '1', '1']);
    expect(dev[col('service-environment/referral-methods')]).toBe('missing');
    expect(dev[col('service-environment/repeat-business')]).toBe('covered');
    expect(dev[col('org-purpose-brand/mission-values-customers')]).toBe('');
    const chloe = rows[1]!;
    expect(chloe.slice(2, 7)).toEqual(['org-purpose-brand', String(report('chloe-brand.md').result!.wordCount), '0', '1', '1']);
    expect(chloe[col('org-purpose-brand/service-brand-impact')]).toBe('partial');
    expect(chloe[col('plan-deliver/delivery-plan')]).toBe('');
    // Every status cell agrees with the engine.
    for (const [i, file] of ['chloe-brand.md', 'farah-brand.md', 'erin-plan.md', 'dev-environment.md'].entries())
      for (const c of report(file).result!.coverage) expect(rows[i + 1]![col(c.id)]).toBe(c.status);
    // The unreadable file has no row.
    expect(csv).not.toContain('lost.md');
  });

  it('quotes commas, quotes and line breaks, and ends every line in CRLF', () => {
    const text = '---\nlearner: "Smith, \\"Jo\\""\nelement: plan-deliver\n---\n# Plan\n\nText.\n';
    const path = 'odd, "name"\nsecond line.md';
    const csv = cohortCsv([{ path, text, result: analyse(text, criteria), lines: new LineMap(text) }], { criteria });
    expect(csv.split('\r\n')).toHaveLength(3); // header, row, and the empty string after the last CRLF
    expect(csv).toContain('\r\n"Smith, ""Jo""","odd, ""name""\nsecond line.md",plan-deliver,');
    const rows = parseCsv(csv);
    expect(rows[1]!.slice(0, 3)).toEqual(['Smith, "Jo"', path, 'plan-deliver']);
  });

  it('guards against formula injection', () => {
    const names = ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)', 'Ann-Marie', 'a=b'];
    const reps = names.map((n, i) => {
      const text = `---\nlearner: '${n.replace(/'/g, "''")}'\nelement: plan-deliver\n---\n# Plan\n`;
      return { path: `l${i}.md`, text, result: analyse(text, criteria), lines: new LineMap(text) };
    });
    const csv = cohortCsv(reps, { criteria });
    const learners = parseCsv(csv)
      .slice(1)
      .map((r) => r[0]);
    expect(learners.sort()).toEqual([`'=HYPERLINK("http://x","y")`, "'+1+1", "'-2", "'@SUM(A1)", 'Ann-Marie', 'a=b'].sort());
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    // A file path can start with a dash too.
    const text = '# Plan\n';
    const dash = cohortCsv([{ path: '-', result: analyse(text, criteria, { element: 'plan-deliver' }), lines: new LineMap(text) }], { criteria });
    expect(parseCsv(dash)[1]!.slice(0, 2)).toEqual(['standard input', "'-"]);
  });
});
