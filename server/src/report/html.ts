import { checkTitle, STATUS_SYMBOL, type CoverageEntry, type CoverageStatus, type Criteria, type Finding } from '../core/index.js';
import { cliRange, severityCounts, type FileReport } from './file-report.js';
import { buildCohort, shorten, statusOf, type AnalysedLearner, type Cohort, type CohortElement, type CohortLearner } from './cohort.js';

/**
 * The tutors' cohort report: one self-contained HTML file (inline CSS and SVG, no
 * scripts, no external resources) that a tutor can read at a glance and print.
 *
 * - a header with the title, date, number of learners and the elements answered;
 * - a matrix of learners × marking points, each cell coloured by status and carrying
 *   its status symbol and a hidden word, so colour is never the only signal;
 * - the most frequent misconceptions as an inline SVG bar chart with a table of the
 *   same figures;
 * - one section per learner: facts, each marking point with the evidence quoted and
 *   what is still missing, and the findings with their positions;
 * - the files that could not be read, with the reason.
 *
 * Everything that comes from a learner or a file name is escaped, in text and in
 * attributes. Printing gives A4 landscape pages, one learner to a page.
 */
export function cohortHtml(reports: FileReport[], ctx: { criteria: Criteria; generatedAt: string; title?: string }): string {
  const cohort = buildCohort(reports, ctx.criteria);
  const title = ctx.title?.trim() || 'Markpoint cohort report';
  const body = [
    header(cohort, title, ctx.generatedAt),
    '<main>',
    matrix(cohort, ctx.criteria),
    misconceptions(cohort, ctx.criteria),
    learnerSections(cohort, ctx.criteria),
    failedSection(cohort),
    '</main>',
  ].join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Markpoint">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Escape for HTML text and quoted attribute values alike. */
export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function formatDate(generatedAt: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(generatedAt.trim());
  const date = m ? new Date(generatedAt.trim()) : undefined;
  if (!m || !date || Number.isNaN(date.getTime())) return esc(generatedAt);
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const time = m[2] ? `, ${date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC` : '';
  return `<time datetime="${esc(generatedAt.trim())}">${esc(day + time)}</time>`;
}

function header(cohort: Cohort, title: string, generatedAt: string): string {
  const failed = cohort.failed.length ? ` · <a href="#unread">${esc(plural(cohort.failed.length, 'file'))} could not be read</a>` : '';
  const elements = cohort.elements
    .map((e) => `<li><strong>${esc(e.title)}</strong> <span class="muted">(${esc(e.element)})</span>: ${esc(plural(e.learners.length, 'learner'))}, ${esc(plural(e.points.length, 'marking point'))}</li>`)
    .join('');
  return `<header class="report-head">
<h1>${esc(title)}</h1>
<p class="meta">Generated ${formatDate(generatedAt)} · <strong>${esc(plural(cohort.learners.length, 'learner'))}</strong> · ${esc(plural(cohort.elements.length, 'element'))}${failed}</p>
${elements ? `<ul class="elements">${elements}</ul>` : ''}
<nav class="toc" aria-label="Contents"><a href="#matrix">Marking points</a> <a href="#misconceptions">Misconceptions</a>${cohort.learners.length ? ' <a href="#learners">Learners</a>' : ''}${cohort.failed.length ? ' <a href="#unread">Files not read</a>' : ''}</nav>
</header>`;
}

function legend(): string {
  const item = (s: CoverageStatus) => `<span class="key"><span class="chip s-${s}" aria-hidden="true">${STATUS_SYMBOL[s]}</span> ${s}</span>`;
  return `<p class="legend">${item('covered')} ${item('partial')} ${item('missing')} <span class="key"><span class="chip na" aria-hidden="true"></span> not the learner's element</span> <span class="muted">Hover over a point ID for its summary; the key below the table lists them all.</span></p>`;
}

function matrix(cohort: Cohort, criteria: Criteria): string {
  if (cohort.learners.length === 0) return `<section id="matrix" class="block"><h2>Marking points by learner</h2><p>No submission could be analysed.</p></section>`;
  const elements = cohort.elements.filter((e) => e.points.length > 0);
  const mixed = elements.length > 1;
  const cols = elements.map((e) => `<colgroup class="el">${e.points.map(() => '<col class="pt">').join('')}</colgroup>`).join('');
  const groupRow = elements
    .map((e) => `<th scope="colgroup" colspan="${e.points.length}" class="group" title="${esc(`${e.title} (${e.element})`)}">${esc(e.element).replace(/-/g, '-<wbr>')}</th>`)
    .join('');
  const pointRow = elements
    .flatMap((e, i) =>
      e.points.map(
        (p, j) =>
          `<th scope="col" class="pt${j === 0 && i > 0 ? ' first' : ''}" data-point="${esc(p.id)}" title="${esc(`${p.id}: ${p.summary}`)}"><span class="vt">${esc(p.pointId)}</span></th>`,
      ),
    )
    .join('');
  const bodies = elements
    .map((group) => `<tbody class="el-group" data-element="${esc(group.element)}">${group.learners.map((l) => matrixRow(l, elements, criteria)).join('')}</tbody>`)
    .join('\n');
  const foot = elements
    .flatMap((e, i) =>
      e.points.map((p, j) => {
        const n = e.learners.filter((l) => statusOf(l, p) === 'covered').length;
        return `<td class="num${j === 0 && i > 0 ? ' first' : ''}" title="${esc(`${p.id}: covered by ${n} of ${e.learners.length}`)}">${n}</td>`;
      }),
    )
    .join('');
  return `<section id="matrix" class="block">
<h2>Marking points by learner</h2>
${legend()}
<table class="matrix${mixed ? ' mixed' : ''}">
<caption class="vh">Status of each marking point for each learner. Learners are shown only against their own element's points.</caption>
<col class="name">${cols}<col class="sum"><col class="sum">
<thead>
<tr class="groups"><th scope="col" rowspan="2" class="corner">Learner</th>${groupRow}<th scope="col" rowspan="2" class="sum" title="Marking points covered of the learner's element">Covered</th><th scope="col" rowspan="2" class="sum" title="All findings: errors, warnings and information; red when one is an error">Findings</th></tr>
<tr class="points">${pointRow}</tr>
</thead>
${bodies}
<tfoot><tr><th scope="row" title="How many learners of the element cover each point">Learners covering</th>${foot}<td></td><td></td></tr></tfoot>
</table>
${pointKey(elements)}
</section>`;
}

/** The marking points with their summaries, for readers without tooltips (and for print). */
function pointKey(elements: CohortElement[]): string {
  const groups = elements
    .map(
      (e) =>
        `<div class="key-group"><h3>${esc(e.title)} <span class="muted">(${esc(e.element)})</span></h3><dl>${e.points
          .map((p) => `<div><dt>${esc(p.pointId)}</dt><dd>${esc(p.summary)}</dd></div>`)
          .join('')}</dl></div>`,
    )
    .join('');
  return `<details class="point-key" open><summary>Marking points key</summary>${groups}</details>`;
}

function matrixRow(learner: AnalysedLearner, elements: CohortElement[], criteria: Criteria): string {
  const cells = elements
    .flatMap((e, i) =>
      e.points.map((p, j) => {
        const first = j === 0 && i > 0 ? ' first' : '';
        const status = statusOf(learner, p);
        if (!status) return `<td class="na${first}"><span class="vh">n/a</span></td>`;
        const cov = learner.result.coverage.find((c) => c.id === p.id)!;
        const tip = `${learner.name} · ${p.pointId}: ${status}${cov.missingFacets.length ? `; not yet evidenced: ${cov.missingFacets.join(', ')}` : ''}${cov.weakenedBy.length ? `; held back by ${cov.weakenedBy.map((w) => checkTitle(criteria, w)).join(', ')}` : ''}`;
        return `<td class="s-${status}${first}" data-point="${esc(p.id)}" data-status="${status}" title="${esc(tip)}"><span aria-hidden="true">${STATUS_SYMBOL[status]}</span><span class="vh">${status}</span></td>`;
      }),
    )
    .join('');
  const cov = learner.result.coverage;
  const covered = cov.filter((c) => c.status === 'covered').length;
  const c = severityCounts(learner.result.findings);
  const findings = learner.result.findings.length;
  const breakdown = `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${c.information} information`;
  return `<tr class="learner-row" data-learner="${esc(learner.name)}"><th scope="row"><a href="#learner-${learner.index}">${esc(learner.name)}</a></th>${cells}<td class="num sum">${covered}/${cov.length}</td><td class="num sum${c.errors ? ' has-error' : ''}" title="${esc(breakdown)}">${findings}</td></tr>`;
}

interface Misconception {
  check: string;
  title: string;
  learners: number;
  /** Learners whose element has this check. */
  of: number;
}

function misconceptionCounts(cohort: Cohort, criteria: Criteria): Misconception[] {
  const affected = new Map<string, number>();
  for (const l of cohort.learners)
    for (const id of new Set(l.result.findings.map((f) => f.check))) if (criteria.checks.has(id)) affected.set(id, (affected.get(id) ?? 0) + 1);
  const applies = (l: AnalysedLearner, id: string) => l.result.findings.some((f) => f.check === id) || (criteria.packs.get(l.result.element)?.checks ?? []).some((c) => (typeof c === 'string' ? c : c.id) === id);
  return [...affected]
    .map(([check, learners]) => ({ check, title: checkTitle(criteria, check), learners, of: cohort.learners.filter((l) => applies(l, check)).length }))
    .sort((a, b) => b.learners - a.learners || b.learners / b.of - a.learners / a.of || a.title.localeCompare(b.title, 'en-GB'));
}

function misconceptions(cohort: Cohort, criteria: Criteria): string {
  const all = misconceptionCounts(cohort, criteria);
  const top = all.slice(0, 10);
  const heading = `<h2>Most frequent misconceptions</h2>`;
  if (top.length === 0) return `<section id="misconceptions" class="block">${heading}<p>No misconceptions were found in this cohort.</p></section>`;
  const rowH = 30;
  const labelW = 370;
  const barMax = 300;
  const width = labelW + barMax + 110;
  const height = top.length * rowH + 8;
  const max = Math.max(...top.map((m) => m.learners));
  const describe = (m: Misconception) => `${m.title}: ${plural(m.learners, 'learner')} of ${m.of}`;
  const bars = top
    .map((m, i) => {
      const y = 4 + i * rowH;
      const w = Math.max(2, Math.round((m.learners / max) * barMax));
      const label = m.title.length > 52 ? `${m.title.slice(0, 51)}…` : m.title;
      return `<g class="bar" data-check="${esc(m.check)}" data-count="${m.learners}"><title>${esc(describe(m))}</title><text x="${labelW - 10}" y="${y + rowH / 2}" text-anchor="end" dominant-baseline="central" class="label">${esc(label)}</text><rect x="${labelW}" y="${y + 5}" width="${w}" height="${rowH - 10}" rx="2"></rect><text x="${labelW + w + 8}" y="${y + rowH / 2}" dominant-baseline="central" class="count">${m.learners} <tspan class="of">of ${m.of}</tspan></text></g>`;
    })
    .join('');
  const rows = top.map((m) => `<tr><th scope="row">${esc(m.title)}</th><td><code>${esc(m.check)}</code></td><td class="num">${m.learners}</td><td class="num">${m.of}</td></tr>`).join('');
  const more = all.length > top.length ? `<p class="muted">${esc(plural(all.length - top.length, 'other check'))} found for fewer learners ${all.length - top.length === 1 ? 'is' : 'are'} not shown.</p>` : '';
  return `<section id="misconceptions" class="block">
${heading}
<p class="muted">Learners affected by each check, the most frequent first. “of N” is the number of learners whose element has that check.</p>
<figure class="chart">
<svg role="img" aria-labelledby="mc-title mc-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
<title id="mc-title">Most frequent misconceptions, by number of learners affected</title>
<desc id="mc-desc">${esc(top.map(describe).join('; '))}</desc>
${bars}
</svg>
</figure>
${more}
<details class="chart-table"><summary>The same figures as a table</summary>
<table class="plain"><thead><tr><th scope="col">Misconception</th><th scope="col">Check</th><th scope="col">Learners</th><th scope="col">Of</th></tr></thead><tbody>${rows}</tbody></table>
</details>
</section>`;
}

function learnerSections(cohort: Cohort, criteria: Criteria): string {
  if (cohort.learners.length === 0) return '';
  return `<section id="learners" class="block learners">
<h2>Learners</h2>
${cohort.learners.map((l) => learnerSection(l, criteria)).join('\n')}
</section>`;
}

function learnerSection(learner: AnalysedLearner, criteria: Criteria): string {
  const { result, report } = learner;
  const pack = criteria.packs.get(result.element);
  const source = { 'front-matter': 'from the front matter', option: 'as chosen', inferred: 'inferred from the text' }[result.elementSource];
  const words =
    learner.wordLimit !== undefined
      ? `${result.wordCount.toLocaleString('en-GB')} <span class="muted">of a ${learner.wordLimit.toLocaleString('en-GB')}-word limit (${Math.round((result.wordCount / learner.wordLimit) * 100)}%)</span>`
      : result.wordCount.toLocaleString('en-GB');
  const n = (s: CoverageStatus) => result.coverage.filter((c) => c.status === s).length;
  const c = severityCounts(result.findings);
  const id = `learner-${learner.index}`;
  const facts = [
    ['File', `<code>${esc(report.path)}</code>`],
    ['Element', `${esc(pack?.title ?? result.element)} <span class="muted">(${esc(result.element)}, ${source})</span>`],
    ['Words', words],
    ['Marking points', `${n('covered')} of ${result.coverage.length} covered, ${n('partial')} partial, ${n('missing')} missing`],
    ['Findings', esc(`${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${c.information} information`)],
  ]
    .map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`)
    .join('');
  return `<article class="learner" id="${id}" aria-labelledby="${id}-name">
<h3 id="${id}-name">${esc(learner.name)}</h3>
<dl class="facts">${facts}</dl>
${pointsTable(learner, criteria)}
${findingsTable(learner, criteria)}
<p class="back"><a href="#matrix">Back to the matrix</a></p>
</article>`;
}

function pointsTable(learner: AnalysedLearner, criteria: Criteria): string {
  const { result } = learner;
  if (result.coverage.length === 0) return '<p class="muted">This element has no marking points.</p>';
  const pack = criteria.packs.get(result.element);
  const rows = result.coverage
    .map((cov) => {
      const point = pack?.markingPoints.find((p) => p.id === cov.pointId);
      const missing = [
        ...cov.missingFacets.map((f) => `<li>${esc(f)}</li>`),
        ...cov.weakenedBy.map((w) => `<li>held back by <em>${esc(checkTitle(criteria, w))}</em></li>`),
      ];
      return `<tr data-point="${esc(cov.id)}" data-status="${cov.status}"><td class="status"><span class="badge s-${cov.status}"><span aria-hidden="true">${STATUS_SYMBOL[cov.status]}</span> ${cov.status}</span></td><td><strong class="pid">${esc(cov.pointId)}</strong>${point ? `<br><span class="summary">${esc(point.summary)}</span>` : ''}</td><td>${evidenceList(learner, cov, criteria)}</td><td>${missing.length ? `<ul class="missing">${missing.join('')}</ul>` : '<span class="muted">nothing</span>'}</td></tr>`;
    })
    .join('');
  return `<h4>Marking points</h4>
<table class="plain points"><thead><tr><th scope="col" class="c-status">Status</th><th scope="col" class="c-point">Marking point</th><th scope="col">Evidence</th><th scope="col" class="c-missing">Still missing</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * One quotation per facet, in document order: the facet's first passage of prose (at
 * least four words, not a heading), else its first passage of any kind.
 */
function evidenceList(learner: AnalysedLearner, cov: CoverageEntry, criteria: Criteria): string {
  const text = learner.text;
  if (cov.evidence.length === 0) return '<span class="muted">none found</span>';
  if (text === undefined) return `<span class="muted">${esc(plural(cov.evidence.length, 'passage'))} (text not available)</span>`;
  const seen = new Set<string>();
  const unique = cov.evidence.filter((e) => {
    const key = `${e.range.start}:${e.range.end}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const score = (e: (typeof unique)[number]) => {
    const lineStart = text.lastIndexOf('\n', e.range.start - 1) + 1;
    if (/^ {0,3}#{1,6}(\s|$)/.test(text.slice(lineStart, e.range.start + 1))) return 0;
    return text.slice(e.range.start, e.range.end).trim().split(/\s+/).length >= 4 ? 2 : 1;
  };
  const chosen = new Map<string, { e: (typeof unique)[number]; score: number }>();
  for (const e of unique) {
    const current = chosen.get(e.facet);
    const s = score(e);
    if (!current || s > current.score) chosen.set(e.facet, { e, score: s });
  }
  const picked = [...chosen.values()].map((c) => c.e).sort((a, b) => a.range.start - b.range.start);
  const facets = new Map(criteria.packs.get(learner.result.element)?.markingPoints.find((p) => p.id === cov.pointId)?.facets.map((f) => [f.id, f.label]) ?? []);
  const facetLabel = (id: string) => facets.get(id) ?? id;
  const items = picked
    .map((e) => {
      const line = learner.report.lines ? cliRange(learner.report.lines, e.range).start.line : undefined;
      return `<li><span class="facet">${esc(facetLabel(e.facet))}</span> <q>${esc(shorten(plainText(text.slice(e.range.start, e.range.end))))}</q>${line !== undefined ? ` <span class="loc">line ${line}</span>` : ''}</li>`;
    })
    .join('');
  const more = unique.length - picked.length;
  return `<ul class="evidence">${items}</ul>${more > 0 ? `<p class="more">and ${esc(plural(more, 'more passage'))}</p>` : ''}`;
}

/** Strong emphasis and code marks left out of a quotation; the words stay as written. */
function plainText(markdown: string): string {
  return markdown.replace(/\*\*|__|`+/g, '');
}

function findingsTable(learner: AnalysedLearner, criteria: Criteria): string {
  const { result, report } = learner;
  if (result.findings.length === 0) return `<h4>Findings</h4><p class="none">No findings.</p>`;
  const position = (f: Finding) => {
    if (!report.lines) return '';
    const { start } = cliRange(report.lines, f.range);
    return `${start.line}:${start.column}`;
  };
  const rows = result.findings
    .map(
      (f) =>
        `<tr data-check="${esc(f.check)}"><td class="pos">${position(f)}</td><td><span class="sev sev-${f.severity}">${f.severity}</span></td><td class="ctitle">${esc(checkTitle(criteria, f.check))}<br><code>${esc(f.check)}</code></td><td>${esc(f.message)}</td></tr>`,
    )
    .join('');
  return `<h4>Findings</h4>
<table class="plain findings"><thead><tr><th scope="col" class="c-pos">Line:col</th><th scope="col" class="c-sev">Severity</th><th scope="col" class="c-check">Check</th><th scope="col">Message</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function failedSection(cohort: Cohort): string {
  if (cohort.failed.length === 0) return '';
  const items = cohort.failed
    .map((l: CohortLearner) => `<li id="unread-${l.index}"><code>${esc(l.report.path)}</code>: ${esc(l.report.error ?? 'could not be checked')}</li>`)
    .join('');
  return `<section id="unread" class="block unread">
<h2>Files that could not be read</h2>
<ul>${items}</ul>
</section>`;
}

const CSS = `
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--rule:#57606a;--soft:#f6f8fa;--accent:#0b5cad;--covered:#7cc794;--covered-ink:#0a3d1b;--partial:#fbe08e;--partial-ink:#4d3400;--missing:#fff;--missing-ink:#b42318;--na:#eef1f4;--bar:#3d6fa8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","DejaVu Sans",sans-serif}
a{color:var(--accent)}
code,.pid{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.86em}
.report-head,main{max-width:1240px;margin:0 auto;padding:0 28px}
.report-head{padding-top:28px;padding-bottom:10px;border-bottom:3px solid var(--ink)}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 6px}
h2{font-size:1.35rem;line-height:1.3;margin:0 0 10px}
h3{font-size:1.2rem;line-height:1.3;margin:0 0 8px}
h4{font-size:.82rem;margin:18px 0 4px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.meta{margin:0 0 8px;font-size:1.02rem}
.elements{margin:0 0 10px;padding-left:1.2em}
.toc{display:flex;gap:18px;font-size:.92rem}
.muted,.summary,.more,.loc{color:var(--muted)}
.vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.block{margin:32px 0 0}
.legend{display:flex;flex-wrap:wrap;gap:6px 20px;align-items:center;font-size:.9rem;margin:0 0 10px}
.key{display:inline-flex;align-items:center;gap:6px}
.chip{display:inline-flex;width:24px;height:22px;align-items:center;justify-content:center;border:1px solid var(--line);font-size:13px;font-weight:700}
.s-covered{background:var(--covered);color:var(--covered-ink)}
.s-partial{background:var(--partial);color:var(--partial-ink)}
.s-missing{background:var(--missing);color:var(--missing-ink)}
.na{background:var(--na)}
table{border-collapse:collapse}
.matrix{border-collapse:separate;border-spacing:0;font-size:13px;border-top:1px solid var(--rule);border-left:1px solid var(--rule);margin-bottom:10px}
.matrix th,.matrix td{border-right:1px solid var(--line);border-bottom:1px solid var(--line);padding:0}
.matrix thead{position:sticky;top:0;z-index:2}
.matrix thead th{background:#fff;font-weight:600}
.matrix thead tr.points th{border-bottom:1px solid var(--rule)}
.matrix thead .corner,.matrix thead th.sum{border-bottom:1px solid var(--rule);vertical-align:bottom;text-align:left;padding:6px 10px}
.matrix thead th.sum{font-size:12px;text-align:center;padding:6px 8px}
.matrix .group{font-size:11.5px;font-weight:700;line-height:1.2;text-align:left;padding:4px 6px;background:var(--soft);overflow-wrap:anywhere}
.matrix th.pt{width:30px;min-width:30px;max-width:30px;height:186px;vertical-align:bottom;padding:6px 0;font-weight:500;font-size:11.5px;cursor:help}
.matrix .vt{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;display:inline-block;line-height:29px}
.matrix tbody th{text-align:left;font-weight:500;padding:0 10px;white-space:nowrap;max-width:240px;overflow:hidden;text-overflow:ellipsis;background:#fff;position:sticky;left:0;z-index:1}
.matrix tbody th a{color:inherit;text-decoration:none}
.matrix tbody th a:hover,.matrix tbody th a:focus{color:var(--accent);text-decoration:underline}
.matrix tbody tr{height:26px}
.matrix tbody tr:nth-child(even)>th,.matrix tbody tr:nth-child(even)>td.sum{background:#f6f8fa}
.matrix tbody td[data-status]{text-align:center;font-weight:700;font-size:14px;width:30px}
.matrix .group:not(:first-child),.matrix .first{border-left:2px solid var(--rule)}
.matrix th.sum,.matrix td.sum{border-left:2px solid var(--rule);width:76px}
.matrix th.sum+th.sum,.matrix td.sum+td.sum{border-left:0}
.matrix tbody.el-group+tbody.el-group tr:first-child>*{border-top:2px solid var(--rule)}
.matrix tbody tr:hover>*{box-shadow:inset 0 2px 0 var(--ink),inset 0 -2px 0 var(--ink)}
.matrix .num{text-align:center;font-variant-numeric:tabular-nums;padding:0 6px}
.matrix td.has-error{color:var(--missing-ink);font-weight:700}
.matrix tfoot th,.matrix tfoot td{background:var(--soft);font-size:12px;font-weight:600;padding:4px 6px;border-top:1px solid var(--rule)}
.matrix tfoot th{text-align:left;padding-left:10px}
.point-key{font-size:13px;margin:6px 0 0}
.point-key>summary{cursor:pointer;color:var(--accent);font-size:.9rem}
.point-key{columns:2 380px;column-gap:32px}
.point-key>summary{column-span:all}
.key-group{break-inside:avoid;margin:8px 0 4px}
.key-group h3{font-size:13px;margin:0 0 2px}
.key-group dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;line-height:1.35}
.key-group dl div{display:contents}
.key-group dt{font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:12px;white-space:nowrap}
.key-group dd{margin:0;color:var(--muted)}
.chart{margin:0}
.chart svg{max-width:100%;height:auto;font:13px system-ui,-apple-system,"Segoe UI",Roboto,Arial,"DejaVu Sans",sans-serif}
.chart .label{fill:var(--ink)}
.chart rect{fill:var(--bar)}
.chart .count{fill:var(--ink);font-weight:700}
.chart .of{fill:var(--muted);font-weight:400}
.chart-table summary{cursor:pointer;color:var(--accent);font-size:.9rem;margin-top:6px}
.plain{width:100%;font-size:14px;margin:4px 0 8px}
.plain th,.plain td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
.plain thead th{border-bottom:2px solid var(--ink);font-size:12.5px;color:var(--muted);font-weight:600}
.plain .num{text-align:right;font-variant-numeric:tabular-nums}
.chart-table .plain{width:auto;min-width:60%}
.learner{border-top:2px solid var(--ink);padding:18px 0 6px;margin-top:28px}
.facts{display:flex;flex-wrap:wrap;gap:4px 28px;margin:0 0 4px;font-size:14px}
.facts div{display:flex;gap:6px}
.facts dt{font-weight:600}
.facts dd{margin:0}
.points td.status{white-space:nowrap;width:112px}
.badge{display:inline-block;font-weight:700;font-size:13px;padding:1px 8px;border:1px solid var(--line);border-radius:3px}
.badge.s-missing{border-color:var(--missing-ink)}
.points .c-point{width:26%}
.points .c-missing{width:20%}
.summary{font-size:.92em}
.evidence,.missing{margin:0;padding-left:1.1em}
.evidence li{margin:0 0 4px}
.facet{display:inline-block;font-size:11.5px;font-weight:600;color:var(--muted);border:1px solid var(--line);border-radius:3px;padding:0 4px;margin-right:2px}
q{quotes:"“" "”" "‘" "’"}
.loc{font-size:12px;white-space:nowrap}
.more{font-size:12.5px;margin:2px 0 0}
.findings .pos{font-variant-numeric:tabular-nums;white-space:nowrap;width:76px}
.findings .c-sev{width:104px}
.findings .c-check{width:26%}
.findings code{color:var(--muted);font-size:.8em}
.sev{display:inline-block;font-size:12px;font-weight:700;padding:0 6px;border-radius:3px;border:1px solid currentColor}
.sev-error{color:#b42318}
.sev-warning{color:#8a5300}
.sev-information,.sev-hint{color:#0b5cad}
.none{color:var(--covered-ink)}
.back{font-size:.85rem;margin:8px 0 0}
.unread ul{padding-left:1.2em}
.unread{margin-bottom:48px}
@media print{
  @page{size:A4 landscape;margin:10mm}
  body{font-size:9.5pt;line-height:1.35;background:#fff;color:#000}
  .report-head,main{max-width:none;padding:0}
  .report-head{padding-top:0}
  h1{font-size:20pt}
  .toc,.back,.chart-table,.legend .muted,.point-key>summary{display:none}
  a{color:inherit;text-decoration:none}
  #matrix{break-before:page;margin-top:0}
  #matrix>h2{display:inline-block;margin:0 24px 6px 0;font-size:14pt}
  .legend{display:inline-flex;margin:0 0 6px;font-size:8.5pt}
  .chip{width:18px;height:15px;font-size:9pt}
  .matrix thead{position:static}
  .matrix tbody th{position:static;max-width:180px;font-size:8.5pt}
  .matrix tfoot{display:table-row-group}
  .matrix{font-size:8.5pt;line-height:1.15}
  .matrix .group{font-size:7.5pt;padding:2px 4px}
  .matrix th.pt{width:24px;min-width:24px;max-width:24px;height:118px;padding:4px 0;font-size:7.5pt}
  .matrix thead .corner,.matrix thead th.sum{padding:4px 6px;font-size:8pt}
  .matrix .vt{line-height:23px}
  .matrix tbody tr{height:15px;break-inside:avoid}
  .matrix tbody td[data-status]{width:24px;font-size:9pt;line-height:1}
  .matrix tfoot th,.matrix tfoot td{padding:2px 6px;font-size:8pt}
  .matrix tbody tr:hover>*{box-shadow:none}
  .s-covered,.s-partial,.s-missing,.na,.chip,.badge,.chart rect,.matrix .group,.matrix tfoot th,.matrix tfoot td,.matrix tbody tr>th,.matrix td.sum{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .point-key{break-before:page;margin-top:0}
  #misconceptions{break-inside:avoid}
  #learners{break-before:page;margin-top:0}
  .learner{break-before:page;border-top:0;margin-top:0;padding-top:0}
  #learners>h2+.learner{break-before:auto}
  .learner h3{font-size:14pt;margin-bottom:4px}
  .facts{font-size:9pt}
  h4{font-size:7.5pt;margin:8px 0 2px}
  .plain{font-size:8.5pt;line-height:1.3;margin:2px 0 4px}
  .plain th,.plain td{padding:3px 6px}
  .plain thead th{font-size:7.5pt}
  .plain tr{break-inside:avoid}
  .points .c-point{width:22%}
  .summary{font-size:8pt}
  .facet{font-size:7pt}
  .loc,.more{font-size:7.5pt}
  .evidence li{margin:0 0 1px}
  .badge{font-size:8pt;padding:0 5px}
  .sev{font-size:7.5pt}
  h2,h3,h4{break-after:avoid}
  .unread{break-before:page}
}
`.trim();
