/**
 * Trains the learned layer from the bank (`bank/`) and the repository's own labelled
 * corpora (`test/corpus/*`), deterministically. `npm run train` writes the result to
 * `criteria/learned/`; test/learned.test.ts retrains and fails when what ships differs.
 *
 *   1. spelling: the domain vocabulary (lexicon and bank words that the en-GB Hunspell
 *      dictionary accepts) and the real words near it, so the run-time normaliser
 *      corrects "managment" but never "band" (see core/text/normalise.ts);
 *   2. one logistic model per sentence-level check with a `learned.gate`, over the
 *      sentences that pass its gate; its threshold is the lowest at which held-out
 *      (five-fold) precision reaches PRECISION_TARGET;
 *   3. a softmax model over the elements, from documents: the corpora's, and documents
 *      assembled from each element's bank sentences and titles.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import nspell from 'nspell';
import { AnalysisContext } from '../../server/src/core/context.js';
import { buildDocument, type Sentence } from '../../server/src/core/document.js';
import { loadCriteria, type Criteria, type CriteriaFile } from '../../server/src/core/criteria.js';
import { clauses, sentenceFeatures, documentFeatures } from '../../server/src/core/learned/features.js';
import { documentVector, type LearnedModelData, type LinearModelData } from '../../server/src/core/learned/model.js';
import { sentenceValue } from '../../server/src/core/learned/encoder.js';
import { deletions, editDistance, type SpellingData } from '../../server/src/core/text/normalise.js';
import { phraseWords } from '../../server/src/core/text/tokens.js';
import { titleStems } from '../../server/src/core/element.js';
import { LineMap } from '../../server/src/core/positions.js';
import { readCriteriaFiles } from '../../server/src/node/criteria-files.js';
import { predictBinary, predictMulti, random, round, shuffled, thresholdFor, trainBinary, trainMulti, type BinarySample, type MultiSample } from './linear.js';

export const PRECISION_TARGET = 0.98;
/** No model fires below this probability, whatever held-out precision allows. */
export const MIN_THRESHOLD = 0.9;
const FOLDS = 5;
const CHECK_OPTIONS = { epochs: 20, rate: 1, l2: 1e-4, seed: 1 };
const ELEMENT_OPTIONS = { epochs: 10, rate: 0.3, l2: 1e-3, seed: 2 };
/** Negatives from real assignments weigh more when choosing thresholds: they are what a learner's draft is mostly made of. */
const DOCUMENT_NEGATIVE_WEIGHT = 20;
const MIN_FEATURE_COUNT = 2;
/** Weights smaller than this are dropped from the shipped file (they change no decision that matters). */
const PRUNE = 0.01;
/** Features each sentence model keeps, and the element model per element. */
const KEEP_PER_SENTENCE_MODEL = 1200;
const KEEP_PER_ELEMENT = 1500;

export interface BankSentence {
  text: string;
  element: string;
  check?: string;
  label?: 'positive' | 'trap';
  points?: string[];
  file: string;
  line: number;
}

export interface Bank {
  sentences: BankSentence[];
  titles: Array<{ text: string; element: string }>;
}

export function readBank(root: string): Bank {
  const dir = join(root, 'bank');
  const bank: Bank = { sentences: [], titles: [] };
  for (const element of readdirSync(dir).filter((d) => !d.includes('.')).sort()) {
    for (const name of ['misconceptions.jsonl', 'evidence.jsonl', 'titles.jsonl']) {
      const path = join(dir, element, name);
      if (!existsSync(path)) continue;
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (!line.trim()) return;
          const row = JSON.parse(line);
          if (name === 'titles.jsonl') bank.titles.push({ text: row.text, element });
          else bank.sentences.push({ text: row.text, element, check: row.check, label: row.label, points: row.points, file: `bank/${element}/${name}`, line: i + 1 });
        });
    }
  }
  return bank;
}

interface LabelledDoc {
  name: string;
  text: string;
  element: string;
  findings: Array<{ check: string; line: number | null; endLine?: number }>;
}

export function readCorpora(root: string): LabelledDoc[] {
  const base = join(root, 'test', 'corpus');
  const docs: LabelledDoc[] = [];
  for (const set of readdirSync(base).sort()) {
    const labelsPath = join(base, set, 'labels.json');
    if (!existsSync(labelsPath)) continue;
    const labels = JSON.parse(readFileSync(labelsPath, 'utf8')).docs as Record<string, { element: string; findings: LabelledDoc['findings'] }>;
    for (const name of Object.keys(labels).sort()) {
      const path = join(base, set, name);
      if (existsSync(path)) docs.push({ name: `${set}/${name}`, text: readFileSync(path, 'utf8'), element: labels[name].element, findings: labels[name].findings });
    }
  }
  return docs;
}

/** The criteria without the learned files (they are what is being trained), with `spelling` in place. */
function criteriaFor(root: string, spelling: SpellingData | undefined): Criteria {
  const files: CriteriaFile[] = readCriteriaFiles(join(root, 'criteria')).filter((f) => !f.path.includes('/learned/'));
  if (spelling) files.push({ path: 'criteria/learned/spelling.json', text: JSON.stringify(spelling) });
  const { criteria, problems } = loadCriteria(files);
  if (problems.length) throw new Error(`criteria do not load: ${problems.map((p) => p.message).join('; ')}`);
  return criteria;
}

// ---------------------------------------------------------------------------------------
// 1. Spelling

const LETTERS = "abcdefghijklmnopqrstuvwxyz'";

function edits1(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= word.length; i++) {
    const a = word.slice(0, i);
    const b = word.slice(i);
    if (b) out.push(a + b.slice(1));
    if (b.length > 1) out.push(a + b[1] + b[0] + b.slice(2));
    for (const c of LETTERS) {
      if (b) out.push(a + c + b.slice(1));
      out.push(a + c + b);
    }
  }
  return out;
}

export async function buildSpelling(root: string, bank: Bank, docs: LabelledDoc[]): Promise<SpellingData> {
  const dictionary = (await import('dictionary-en-gb')).default;
  const spell = nspell(dictionary);
  const criteria = criteriaFor(root, undefined);
  const counts = new Map<string, number>();
  const count = (w: string, n = 1) => counts.set(w, (counts.get(w) ?? 0) + n);
  const lexiconWords = new Set<string>();
  for (const def of Object.values(criteria.concepts)) for (const phrase of def.phrases ?? []) for (const w of phraseWords(phrase.replace(/=/g, ''))) lexiconWords.add(w);
  for (const text of [...bank.sentences.map((s) => s.text), ...bank.titles.map((t) => t.text), ...docs.map((d) => d.text)]) {
    for (const w of phraseWords(text)) if (/^[a-z']{3,}$/.test(w)) count(w);
  }
  const known = (w: string) => spell.correct(w) || spell.correct(w[0].toUpperCase() + w.slice(1));
  // The lexicon's words are the domain's, known to the dictionary or not ("upselling"):
  // they are never corrected. Bank words join when the dictionary knows them.
  const vocabulary = [...new Set([...lexiconWords].filter((w) => /^[a-z']{3,}$/.test(w)).concat([...counts.keys()].filter((w) => (counts.get(w) ?? 0) >= 3 && known(w))))];
  vocabulary.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
  const inVocabulary = new Set(vocabulary);
  const words = new Set<string>();
  for (const v of vocabulary) for (const e of edits1(v)) if (e.length >= 4 && !inVocabulary.has(e) && spell.correct(e)) words.add(e);
  // Two edits away, for long words only: real words from the dictionary's stems and their common forms.
  const long = vocabulary.filter((v) => v.length >= 8);
  const index = new Map<string, string[]>();
  for (const v of long) for (const d of deletions(v, 2)) (index.get(d) ?? index.set(d, []).get(d)!).push(v);
  const stems = new TextDecoder().decode(dictionary.dic).split('\n').slice(1).map((l) => l.split('/')[0].toLowerCase());
  for (const stem of stems) {
    if (stem.length < 6 || !/^[a-z']+$/.test(stem)) continue;
    for (const form of [stem, stem + 's', stem + 'es', stem + 'ed', stem + 'd', stem + 'ing', stem + 'er', stem + 'ers', stem + 'ly']) {
      if (form.length < 8 || inVocabulary.has(form) || words.has(form) || (form !== stem && !spell.correct(form))) continue;
      const near = [...deletions(form, 2)].some((d) => (index.get(d) ?? []).some((v) => v[0] === form[0] && editDistance(form, v, 2) <= 2));
      if (near) words.add(form);
    }
  }
  return { vocabulary, words: [...words].sort() };
}

// ---------------------------------------------------------------------------------------
// 2. Sentence models

interface SentenceSample {
  features: string[];
  /** Marking points (`<element>/<point>`) the sentence evidences, for bank evidence rows. */
  points: Set<string>;
  /** Check IDs this sentence states; empty for none. */
  positives: Set<string>;
  /** Checks this sentence must not be used for (near a labelled finding, not on it). */
  skip: Set<string>;
  fromDocument: boolean;
}

function sentenceSamples(criteria: Criteria, bank: Bank, docs: LabelledDoc[]): { samples: SentenceSample[]; gates: Map<string, number[]> } {
  const samples: SentenceSample[] = [];
  const gateOf = new Map<string, number[]>();
  for (const check of criteria.checks.values()) if (check.learned) gateOf.set(check.id, check.learned.gate.map((c) => criteria.lexicon.handle(c)));
  const passes = (ctx: AnalysisContext, s: Sentence) => new Set([...gateOf].filter(([, g]) => g.some((h) => ctx.matches[s.index].has(h))).map(([id]) => id));
  const passesIn = (ctx: AnalysisContext, s: Sentence, from: number, to: number) =>
    new Set([...gateOf].filter(([, g]) => g.some((h) => ctx.matches[s.index].of(h).some((m) => m.start >= from && m.end <= to))).map(([id]) => id));
  const gated: Array<Set<string>> = [];
  for (const row of bank.sentences) {
    const ctx = new AnalysisContext(buildDocument(row.text), criteria);
    for (const s of ctx.doc.sentences) {
      if (s.block.kind === 'heading') continue;
      const gates = passes(ctx, s);
      const positive = row.label === 'positive' && row.check && gates.has(row.check);
      const points = new Set((row.points ?? []).map((p) => `${row.element}/${p}`));
      samples.push({ features: sentenceFeatures(ctx, s), points, positives: new Set(positive ? [row.check!] : []), skip: new Set(), fromDocument: false });
      gated.push(gates);
    }
  }
  // Each check's own examples (criteria/checks/*.json) are labelled sentences too, and
  // its clean ones weigh like a real learner's correct sentence.
  for (const check of [...criteria.checks.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!check.learned) continue;
    for (const [text, flagged] of [...(check.examples?.flagged ?? []).map((t) => [t, true] as const), ...(check.examples?.clean ?? []).map((t) => [t, false] as const)]) {
      const ctx = new AnalysisContext(buildDocument(text), criteria);
      for (const s of ctx.doc.sentences) {
        const positive = flagged && passes(ctx, s).has(check.id);
        samples.push({ features: sentenceFeatures(ctx, s), points: new Set(), positives: new Set(positive ? [check.id] : []), skip: new Set(), fromDocument: !flagged });
        gated.push(passes(ctx, s));
      }
    }
  }
  for (const d of docs) {
    const ctx = new AnalysisContext(buildDocument(d.text), criteria);
    const lines = new LineMap(d.text);
    for (const s of ctx.doc.sentences) {
      if (s.block.kind === 'heading' || s.block.references || s.block.quoted) continue;
      const first = lines.lineOf(s.start) + 1;
      const last = lines.lineOf(s.end) + 1;
      const positives = new Set<string>();
      const skip = new Set<string>();
      for (const f of d.findings) {
        if (f.line === null || !gateOf.has(f.check)) continue;
        const end = f.endLine ?? f.line;
        if (first >= f.line && first <= end) positives.add(f.check);
        else if (last >= f.line - 1 && first <= end + 1) skip.add(f.check);
      }
      samples.push({ features: sentenceFeatures(ctx, s), points: new Set(), positives, skip, fromDocument: true });
      gated.push(passes(ctx, s));
      // A long sentence is also judged clause by clause (learned/judge.ts), so its clauses
      // are samples too: negatives when the sentence states nothing, skipped otherwise.
      for (const [from, to] of clauses(s)) {
        const gates = passesIn(ctx, s, from, to);
        samples.push({ features: sentenceFeatures(ctx, s, from, to), points: new Set(), positives: new Set(), skip: new Set([...positives, ...skip]), fromDocument: true });
        gated.push(gates);
      }
    }
  }
  const gates = new Map<string, number[]>();
  for (const id of gateOf.keys()) gates.set(id, samples.flatMap((_, i) => (gated[i].has(id) ? [i] : [])));
  return { samples, gates };
}

export interface CheckReport {
  check: string;
  samples: number;
  positives: number;
  /** Share of the bank's positives that pass the gate. */
  gateRecall: number;
  threshold: number;
  heldOutPrecision: number;
  heldOutRecall: number;
}

// ---------------------------------------------------------------------------------------
// 3. Element model

function elementDocuments(criteria: Criteria, bank: Bank, docs: LabelledDoc[], elements: string[]): Array<{ counts: Map<string, number>; y: number }> {
  const out: Array<{ counts: Map<string, number>; y: number }> = [];
  const add = (text: string, element: string) => {
    const ctx = new AnalysisContext(buildDocument(text), criteria);
    out.push({ counts: documentFeatures(ctx.doc, [...titleStems(ctx)]), y: elements.indexOf(element) });
  };
  for (const d of docs) add(d.text, d.element);
  const next = random(7);
  for (const element of elements) {
    const sentences = shuffled(bank.sentences.filter((s) => s.element === element), next);
    const titles = shuffled(bank.titles.filter((t) => t.element === element), next);
    const others = bank.sentences.filter((s) => s.element !== element);
    let t = 0;
    for (let i = 0; i < sentences.length; ) {
      const size = 4 + Math.floor(next() * 26);
      const chunk = sentences.slice(i, i + size).map((s) => s.text);
      i += size;
      // A little off-topic text, as real answers stray: a tenth of the sentences.
      for (let k = 0; others.length && k < Math.floor(chunk.length / 10); k++) chunk.splice(Math.floor(next() * chunk.length), 0, others[Math.floor(next() * others.length)].text);
      const title = titles.length && next() < 0.5 ? `# ${titles[t++ % titles.length].text}\n\n` : '';
      add(title + chunk.join('\n\n'), element);
    }
    for (const title of titles) add(`# ${title.text}\n\nMy answer follows.`, element);
  }
  return out;
}

// ---------------------------------------------------------------------------------------

type WeightedSample = BinarySample & { fromDocument: boolean };

/**
 * Train one binary model, and choose its threshold from held-out scores: five folds,
 * each scored by a model trained on the other four.
 */
function trainWithThreshold(all: WeightedSample[], features: number, keep = KEEP_PER_SENTENCE_MODEL): { model: { bias: number; w: Float64Array; threshold: number }; positives: number; precision: number; recall: number } {
  // Feature selection: the `keep` features a first model weighs most, then every model
  // below sees only those. Small models, and a file a reviewer can read.
  const first = trainBinary(all, features, CHECK_OPTIONS);
  const chosen = new Set(topFeatures(first.w, keep));
  const data = all.map((d) => ({ ...d, x: d.x.filter((i) => chosen.has(i)) }));
  const folds = new Map(shuffled(data.map((_, i) => i), random(11)).map((i, k) => [i, k % FOLDS] as const));
  const scored: Array<{ p: number; y: 0 | 1; weight: number }> = [];
  for (let f = 0; f < FOLDS; f++) {
    const model = trainBinary(data.filter((_, i) => folds.get(i) !== f), features, CHECK_OPTIONS);
    data.forEach((d, i) => {
      if (folds.get(i) === f) scored.push({ p: predictBinary(model, d), y: d.y, weight: d.fromDocument ? DOCUMENT_NEGATIVE_WEIGHT : 1 });
    });
  }
  const threshold = thresholdFor(scored, PRECISION_TARGET, 3, MIN_THRESHOLD);
  const final = trainBinary(data, features, CHECK_OPTIONS);
  return { model: { ...final, threshold: threshold.threshold }, positives: data.filter((d) => d.y === 1).length, precision: threshold.precision, recall: threshold.recall };
}

/** Indices of the `n` largest weights by magnitude (ties by index, so the choice is deterministic). */
function topFeatures(w: Float64Array, n: number): number[] {
  return [...w.keys()]
    .filter((i) => w[i] !== 0)
    .sort((a, b) => Math.abs(w[b]) - Math.abs(w[a]) || a - b)
    .slice(0, n);
}

export interface TrainResult {
  spelling: SpellingData;
  model: LearnedModelData;
  reports: CheckReport[];
  elementHeldOut: number;
}

export async function train(root: string): Promise<TrainResult> {
  const bank = readBank(root);
  const docs = readCorpora(root);
  const spelling = await buildSpelling(root, bank, docs);
  const criteria = criteriaFor(root, spelling);
  const { samples, gates } = sentenceSamples(criteria, bank, docs);

  // One shared feature list: what occurs at least MIN_FEATURE_COUNT times in gated sentences.
  const featureCounts = new Map<string, number>();
  const usedSamples = new Set<number>();
  for (const list of gates.values()) for (const i of list) usedSamples.add(i);
  samples.forEach((s, i) => {
    if (!s.fromDocument) usedSamples.add(i);
  });
  for (const i of usedSamples) for (const f of samples[i].features) featureCounts.set(f, (featureCounts.get(f) ?? 0) + 1);
  const elementList = [...criteria.packs.keys()].sort();
  const elementDocs = elementDocuments(criteria, bank, docs, elementList);
  for (const d of elementDocs) for (const f of d.counts.keys()) featureCounts.set(f, (featureCounts.get(f) ?? 0) + 1);
  const features = [...featureCounts].filter(([, n]) => n >= MIN_FEATURE_COUNT).map(([f]) => f).sort();
  const index = new Map(features.map((f, i) => [f, i]));
  const vectorOf = (fs: string[]) => fs.flatMap((f) => (index.has(f) ? [index.get(f)!] : []));

  const reports: CheckReport[] = [];
  const checkModels: Record<string, { bias: number; w: Float64Array; threshold: number }> = {};
  for (const [check, members] of [...gates].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const data: WeightedSample[] = [];
    for (const i of members) {
      const s = samples[i];
      if (s.skip.has(check)) continue;
      data.push({ x: vectorOf(s.features), v: sentenceValue(s.features.length), y: s.positives.has(check) ? 1 : 0, fromDocument: s.fromDocument });
    }
    const bankPositives = bank.sentences.filter((s) => s.check === check && s.label === 'positive').length;
    const admitted = new Set(members);
    const bankGated = samples.filter((s, i) => !s.fromDocument && s.positives.has(check) && admitted.has(i)).length;
    const trained = trainWithThreshold(data, features.length);
    checkModels[check] = trained.model;
    reports.push({ check, samples: data.length, positives: trained.positives, gateRecall: bankPositives ? bankGated / bankPositives : 0, threshold: trained.model.threshold, heldOutPrecision: trained.precision, heldOutRecall: trained.recall });
  }

  // Marking points: every bank sentence is a sample (the corpora have no sentence labels for points).
  const pointModels: Record<string, { bias: number; w: Float64Array; threshold: number }> = {};
  const bankSamples = samples.filter((s) => !s.fromDocument);
  for (const pack of [...criteria.packs.values()].sort((a, b) => (a.element < b.element ? -1 : 1))) {
    for (const point of pack.markingPoints) {
      const id = `${pack.element}/${point.id}`;
      const data: WeightedSample[] = bankSamples.map((s) => ({ x: vectorOf(s.features), v: sentenceValue(s.features.length), y: s.points.has(id) ? 1 : 0, fromDocument: false }));
      if (!data.some((d) => d.y)) continue;
      const trained = trainWithThreshold(data, features.length);
      pointModels[id] = trained.model;
      reports.push({ check: id, samples: data.length, positives: trained.positives, gateRecall: 1, threshold: trained.model.threshold, heldOutPrecision: trained.precision, heldOutRecall: trained.recall });
    }
  }

  // Element model: held-out accuracy on the corpora's documents (five folds), then the final model.
  const full: MultiSample[] = elementDocs.map((d) => ({ x: documentVector(d.counts, index), y: d.y }));
  const firstElements = trainMulti(full, features.length, elementList.length, ELEMENT_OPTIONS);
  const chosenElement = new Set(firstElements.w.flatMap((w) => topFeatures(w, KEEP_PER_ELEMENT)));
  const multi: MultiSample[] = full.map((d) => ({ y: d.y, x: new Map([...d.x].filter(([i]) => chosenElement.has(i))) }));
  const final = trainMulti(multi, features.length, elementList.length, ELEMENT_OPTIONS);
  let right = 0;
  const realDocs = docs.length;
  for (let f = 0; f < FOLDS; f++) {
    const model = trainMulti(multi.filter((_, i) => i >= realDocs || i % FOLDS !== f), features.length, elementList.length, ELEMENT_OPTIONS);
    for (let i = f; i < realDocs; i += FOLDS) {
      const p = predictMulti(model, multi[i].x);
      if (p.indexOf(Math.max(...p)) === multi[i].y) right++;
    }
  }

  // Keep only features some model weighs, and re-index them.
  const keep = (w: Float64Array) => [...w.keys()].filter((i) => Math.abs(round(w[i])) >= PRUNE);
  const used = new Set<number>();
  for (const m of [...Object.values(checkModels), ...Object.values(pointModels)]) for (const i of keep(m.w)) used.add(i);
  for (const w of final.w) for (const i of keep(w)) used.add(i);
  const kept = [...used].sort((a, b) => a - b);
  const remap = new Map(kept.map((old, k) => [old, k]));
  const sparse = (bias: number, w: Float64Array): LinearModelData => ({ bias: round(bias), weights: keep(w).map((i) => [remap.get(i)!, round(w[i])] as [number, number]) });
  const model: LearnedModelData = {
    version: 1,
    features: kept.map((i) => features[i]),
    checks: Object.fromEntries(Object.entries(checkModels).map(([id, m]) => [id, { ...sparse(m.bias, m.w), threshold: round(m.threshold) }])),
    points: Object.fromEntries(Object.entries(pointModels).map(([id, m]) => [id, { ...sparse(m.bias, m.w), threshold: round(m.threshold) }])),
    elements: { labels: elementList, models: final.w.map((w, k) => sparse(final.bias[k], w)) },
  };
  return { spelling, model, reports, elementHeldOut: realDocs ? right / realDocs : 1 };
}
