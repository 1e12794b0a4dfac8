import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError, printParseErrorCode } from 'jsonc-parser';
import conceptsSchema from '../../../criteria/schema/concepts.schema.json';
import checkSchema from '../../../criteria/schema/check.schema.json';
import packSchema from '../../../criteria/schema/pack.schema.json';
import lawsSchema from '../../../criteria/schema/laws.schema.json';
import modelsSchema from '../../../criteria/schema/models.schema.json';
import normaliseSchema from '../../../criteria/schema/normalise.schema.json';
import spellingSchema from '../../../criteria/schema/spelling.schema.json';
import learnedSchema from '../../../criteria/schema/learned.schema.json';
import { LearnedModel, type LearnedModelData } from './learned/model.js';
import { Normaliser, type NormaliseData, type SpellingData } from './text/normalise.js';
import { Lexicon, NUMBER_CONCEPT, compilePhrase, type ConceptDefinition } from './lexicon.js';
import type { Severity } from './types.js';

/**
 * Criteria are data: a lexicon of concepts, one file per check, one pack per element
 * and fact tables of laws and models. This is the one place that loads and validates
 * them. A broken file yields problems that name the file, the JSON path inside it, the
 * line and column, and what is wrong; it never throws, and the rest still loads.
 */

export interface SequenceSlot {
  concept: string;
  maxGap?: number;
  gapExcludes?: string[];
  /** The gap before this slot may not cross a comma or semicolon. */
  sameClause?: boolean;
}

export type DetectorSpec =
  | { kind: 'sequence'; patterns: Array<{ slots: SequenceSlot[]; negation?: boolean; requires?: string[] }>; unless?: string[] }
  | { kind: 'trigger-without'; trigger: string; without: string; nextSentence?: boolean; unless?: string[]; vagueTarget?: string }
  | { kind: 'factor-classification'; internal: string; external: string; internalLabel: string; externalLabel: string }
  | { kind: 'items-without'; intro: string; statement: string; require: string }
  | { kind: 'law-application'; require: string; generic?: string; minContentWords?: number; actor?: string }
  | { kind: 'law-facts'; report: 'wrong-year' | 'superseded'; historical?: string }
  | { kind: 'model-expansion' }
  | { kind: 'document-absence'; when?: string; minMentions?: number; absent: string[]; absentNear?: string[]; placeAt?: string; unlessFrontMatter?: string[] };

export interface CheckDefinition {
  id: string;
  title: string;
  scope: 'sentence' | 'paragraph' | 'document';
  severity: Severity;
  sources?: string[];
  message: string;
  why: string;
  assessor: string;
  detector: DetectorSpec;
  /**
   * The learned layer's part in this check: its model (criteria/learned/model.json)
   * judges the sentences that match one of the `gate` concepts (the check's topic).
   */
  learned?: {
    gate: string[];
    /** Concepts that, all together, make a sentence the correct statement ("procedure" with "steps"). */
    correctWhen?: string[][];
    /** A negation right after the topic ("is not just…") denies the misconception. */
    negationAfter?: boolean;
  };
  examples?: { flagged?: string[]; clean?: string[] };
}

export interface Facet {
  id: string;
  label: string;
  concepts: string[];
  min?: number;
  /** Only sentences about what happened count, not plans or conditionals. */
  realised?: boolean;
  /** Covered needs this facet, whatever `coveredWhen` counts. */
  required?: boolean;
}

export interface MarkingPoint {
  id: string;
  examiner: string;
  summary: string;
  facets: Facet[];
  /** Facets needed for `covered` (default: all). */
  coveredWhen?: number;
  /** Facets needed for `partial` (default: 1). */
  partialWhen?: number;
  /** Checks whose findings hold the point back, with their weight (2 = on its own). */
  weakenedBy?: Record<string, number>;
  /** Checks that hold the point back only when it has no evidence outside the paragraphs they fire in. */
  unlessEvidencedElsewhere?: string[];
}

export interface KeyConcept {
  term: string;
  aliases?: string[];
  explanation: string;
  markingPoints?: string[];
}

export interface Pack {
  element: string;
  title: string;
  source: string;
  synopsis?: string;
  inference?: { titles?: string[]; concepts?: string[] };
  markingPoints: MarkingPoint[];
  /** Checks that apply to this element, with any severity the pack sets. */
  checks: Array<string | { id: string; severity?: Severity }>;
  keyConcepts: KeyConcept[];
  tips: string[];
  misconceptions?: Array<{ text: string; checks?: string[] }>;
}

export interface Law {
  id: string;
  title: string;
  year?: number;
  noYear?: boolean;
  aliases?: string[];
  otherYears?: Record<string, 'current' | 'superseded'>;
  status?: 'current' | 'superseded';
  exceptionContexts?: string[];
  superseded?: { by: string; note: string };
}

export interface Model {
  acronym: string;
  name: string;
  mode: 'words' | 'initials';
  letters?: Array<{ accept: string[]; show: string }>;
}

export interface Criteria {
  lexicon: Lexicon;
  concepts: Record<string, ConceptDefinition>;
  checks: Map<string, CheckDefinition>;
  packs: Map<string, Pack>;
  laws: Law[];
  models: Model[];
  /** Rewrites informal spellings before matching (criteria/normalise.json, learned/spelling.json). */
  normaliser: Normaliser;
  /** The learned layer (criteria/learned/model.json); absent when the file is. */
  learned?: LearnedModel;
  /** Where each loaded definition came from, for messages and docs. */
  files: Map<string, string>;
}

export interface CriteriaFile {
  /** Path as the user should see it, e.g. `criteria/packs/plan-deliver.json`. */
  path: string;
  text: string;
}

export interface CriteriaProblem {
  file: string;
  /** JSON Pointer inside the file, e.g. `/markingPoints/2/facets/0/concepts/1`. */
  pointer: string;
  line: number;
  column: number;
  message: string;
}

export interface CriteriaLoadResult {
  criteria: Criteria;
  problems: CriteriaProblem[];
}

type FileKind = 'concepts' | 'check' | 'pack' | 'laws' | 'models' | 'normalise' | 'spelling' | 'learned';

let validators: Record<FileKind, ValidateFunction> | undefined;

function validatorsFor(): Record<FileKind, ValidateFunction> {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validators = {
      concepts: ajv.compile(conceptsSchema),
      check: ajv.compile(checkSchema),
      pack: ajv.compile(packSchema),
      laws: ajv.compile(lawsSchema),
      models: ajv.compile(modelsSchema),
      normalise: ajv.compile(normaliseSchema),
      spelling: ajv.compile(spellingSchema),
      learned: ajv.compile(learnedSchema),
    };
  }
  return validators;
}

export function kindOf(path: string): FileKind | undefined {
  const p = path.replace(/\\/g, '/');
  if (p.includes('/schema/') || !p.endsWith('.json')) return undefined;
  if (/(^|\/)checks\/[^/]+\.json$/.test(p)) return 'check';
  if (/(^|\/)packs\/[^/]+\.json$/.test(p)) return 'pack';
  if (/(^|\/)concepts\.json$/.test(p)) return 'concepts';
  if (/(^|\/)laws\.json$/.test(p)) return 'laws';
  if (/(^|\/)models\.json$/.test(p)) return 'models';
  if (/(^|\/)normalise\.json$/.test(p)) return 'normalise';
  if (/(^|\/)learned\/spelling\.json$/.test(p)) return 'spelling';
  if (/(^|\/)learned\/model\.json$/.test(p)) return 'learned';
  return undefined;
}

/**
 * Concepts that the engine's code names by ID, with what uses them. A check's data can
 * name any concept; these the core looks up itself, so the loader reports each one that
 * the concepts file lacks instead of letting every analysis fail. test/criteria-required-concepts.test.ts
 * holds this list equal to the IDs the core's code names.
 */
export const REQUIRED_CONCEPTS = {
  negation: 'the negation guard (guards.ts)',
  refutation: 'the refutation guard (guards.ts)',
  'refutation-follow': 'the refutation guard (guards.ts)',
  hypothetical: 'coverage of facets that must have happened (coverage.ts)',
  'first-person': 'coverage of application (coverage.ts)',
  workplace: 'coverage of application (coverage.ts)',
  'reflection-cue': 'coverage of findings the writer corrects (coverage.ts)',
  values: 'the items-without detector (detectors/items-without.ts)',
} as const;

/** Load and validate criteria files. Never throws: problems are returned. */
export function loadCriteria(files: CriteriaFile[]): CriteriaLoadResult {
  const problems: CriteriaProblem[] = [];
  // Checks whose file is broken: already reported once, so packs that list them load
  // without them instead of repeating the problem.
  const brokenChecks = new Set<string>();
  const parsed: Array<{ file: CriteriaFile; kind: FileKind; value: any; tree: JsonNode | undefined }> = [];
  for (const file of files) {
    const kind = kindOf(file.path);
    if (!kind) continue;
    const errors: ParseError[] = [];
    const tree = parseTree(file.text, errors, { allowTrailingComma: false, disallowComments: true });
    if (errors.length > 0 || !tree) {
      // The first syntax error is the one to fix; the ones after it are its echoes.
      if (errors[0]) problems.push(at(file, undefined, [], `invalid JSON: ${describeParseError(printParseErrorCode(errors[0].error))}`, errors[0].offset));
      if (errors.length === 0) problems.push(at(file, undefined, [], 'the file is empty'));
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(file.text);
    } catch (error) {
      problems.push(at(file, tree, [], `invalid JSON: ${(error as Error).message}`));
      continue;
    }
    const validate = validatorsFor()[kind];
    if (!validate(value)) {
      for (const e of validate.errors ?? []) problems.push(schemaProblem(file, tree, e));
      continue;
    }
    parsed.push({ file, kind, value, tree });
  }

  for (const file of files) {
    if (kindOf(file.path) === 'check' && !parsed.some((p) => p.file === file)) brokenChecks.add(checkIdOf(file.path));
  }

  const concepts: Record<string, ConceptDefinition> = {};
  const checks = new Map<string, CheckDefinition>();
  const packs = new Map<string, Pack>();
  const laws: Law[] = [];
  const models: Model[] = [];
  let normalise: NormaliseData = { replacements: {} };
  let spelling: SpellingData | undefined;
  let learned: { data: LearnedModelData; file: CriteriaFile; tree: JsonNode | undefined } | undefined;
  const origins = new Map<string, string>();
  const treeOf = new Map<string, { file: CriteriaFile; tree: JsonNode | undefined }>();

  for (const { file, kind, value, tree } of parsed) {
    if (kind === 'concepts') {
      for (const [id, def] of Object.entries(value.concepts as Record<string, ConceptDefinition>)) {
        if (concepts[id]) problems.push(at(file, tree, ['concepts', id], `concept '${id}' is defined twice`));
        concepts[id] = def;
        origins.set(`concept:${id}`, file.path);
      }
      treeOf.set('concepts', { file, tree });
    } else if (kind === 'laws') laws.push(...value.laws);
    else if (kind === 'normalise') normalise = value as NormaliseData;
    else if (kind === 'spelling') spelling = value as SpellingData;
    else if (kind === 'learned') learned = { data: value as LearnedModelData, file, tree };
    else if (kind === 'models') models.push(...value.models);
  }

  // Concepts: every include resolves, no include cycles, no phrase starting with `*`.
  const conceptFile = treeOf.get('concepts');
  const knownConcept = (id: string) => id === NUMBER_CONCEPT || id in concepts;
  for (const [id, def] of Object.entries(concepts)) {
    (def.include ?? []).forEach((inc, i) => {
      if (!knownConcept(inc) && conceptFile) problems.push(at(conceptFile.file, conceptFile.tree, ['concepts', id, 'include', i], `unknown concept '${inc}'`));
    });
    (def.phrases ?? []).forEach((phrase, i) => {
      const keys = compilePhrase(phrase);
      if ((keys.length === 0 || keys[0] === null) && conceptFile) {
        problems.push(at(conceptFile.file, conceptFile.tree, ['concepts', id, 'phrases', i], `phrase '${phrase}' must start with a word`));
      }
    });
    if (conceptFile && includesItself(id, concepts)) problems.push(at(conceptFile.file, conceptFile.tree, ['concepts', id, 'include'], `concept '${id}' includes itself`));
  }
  // A concepts file that is broken was reported already; one that is absent lacks them all.
  if (conceptFile || !files.some((f) => kindOf(f.path) === 'concepts')) {
    const { file, tree } = conceptFile ?? { file: { path: 'criteria/concepts.json', text: '' }, tree: undefined };
    for (const [id, use] of Object.entries(REQUIRED_CONCEPTS)) {
      if (!(id in concepts)) problems.push(at(file, tree, ['concepts'], `missing concept '${id}', which ${use} needs`));
    }
  }

  for (const { file, kind, value, tree } of parsed) {
    if (kind === 'check') {
      const def = value as CheckDefinition;
      const expected = checkIdOf(file.path);
      if (def.id !== expected) {
        problems.push(at(file, tree, ['id'], `the check ID '${def.id}' must match the file name '${expected}.json'`));
        continue;
      }
      const refs = conceptRefs(def.detector);
      (def.learned?.gate ?? []).forEach((c, i) => refs.push([['..', 'learned', 'gate', i], c]));
      (def.learned?.correctWhen ?? []).forEach((set, i) => set.forEach((c, k) => refs.push([['..', 'learned', 'correctWhen', i, k], c])));
      const bad = refs.filter(([, c]) => !knownConcept(c));
      for (const [path, c] of bad) problems.push(at(file, tree, path[0] === '..' ? path.slice(1) : ['detector', ...path], `unknown concept '${c}'`));
      if (bad.length) {
        brokenChecks.add(def.id);
        continue;
      }
      if (checks.has(def.id)) problems.push(at(file, tree, ['id'], `check '${def.id}' is defined twice`));
      checks.set(def.id, def);
      origins.set(`check:${def.id}`, file.path);
    }
  }

  for (const { file, kind, value, tree } of parsed) {
    if (kind !== 'pack') continue;
    const pack = value as Pack;
    const before = problems.length;
    const expected = file.path.replace(/\\/g, '/').split('/').pop()!.replace(/\.json$/, '');
    if (pack.element !== expected) problems.push(at(file, tree, ['element'], `the element ID '${pack.element}' must match the file name '${expected}.json'`));
    const pointIds = new Set<string>();
    pack.markingPoints.forEach((point, p) => {
      if (pointIds.has(point.id)) problems.push(at(file, tree, ['markingPoints', p, 'id'], `marking point '${point.id}' is listed twice`));
      pointIds.add(point.id);
      point.facets.forEach((facet, f) =>
        facet.concepts.forEach((c, k) => {
          if (!knownConcept(c)) problems.push(at(file, tree, ['markingPoints', p, 'facets', f, 'concepts', k], `unknown concept '${c}'`));
        }),
      );
      for (const check of Object.keys(point.weakenedBy ?? {})) {
        if (!checks.has(check) && !brokenChecks.has(check)) problems.push(at(file, tree, ['markingPoints', p, 'weakenedBy', check], `unknown check '${check}'`));
      }
      if ((point.coveredWhen ?? 0) > point.facets.length) {
        problems.push(at(file, tree, ['markingPoints', p, 'coveredWhen'], `coveredWhen is ${point.coveredWhen} but the point has ${point.facets.length} facets`));
      }
    });
    pack.checks.forEach((entry, i) => {
      const id = typeof entry === 'string' ? entry : entry.id;
      if (!checks.has(id) && !brokenChecks.has(id)) problems.push(at(file, tree, ['checks', i], `unknown check '${id}'`));
    });
    pack.keyConcepts.forEach((kc, i) =>
      (kc.markingPoints ?? []).forEach((mp, k) => {
        if (!pointIds.has(mp)) problems.push(at(file, tree, ['keyConcepts', i, 'markingPoints', k], `unknown marking point '${mp}'`));
      }),
    );
    (pack.inference?.concepts ?? []).forEach((c, i) => {
      if (!knownConcept(c)) problems.push(at(file, tree, ['inference', 'concepts', i], `unknown concept '${c}'`));
    });
    if (problems.length > before) continue;
    if (packs.has(pack.element)) problems.push(at(file, tree, ['element'], `element '${pack.element}' has two packs`));
    packs.set(pack.element, pack);
    origins.set(`pack:${pack.element}`, file.path);
  }

  let model: LearnedModel | undefined;
  if (learned) {
    const before = problems.length;
    const { data, file, tree } = learned;
    for (const id of Object.keys(data.checks)) {
      if (!checks.has(id) && !brokenChecks.has(id)) problems.push(at(file, tree, ['checks', id], `unknown check '${id}'`));
    }
    // An element whose pack file is broken was reported already; its model is simply unused.
    const packFiles = new Set(parsed.filter((p) => p.kind === 'pack').map((p) => p.value?.element));
    data.elements.labels.forEach((id, i) => {
      if (!packs.has(id) && !packFiles.has(id)) problems.push(at(file, tree, ['elements', 'labels', i], `unknown element '${id}'`));
    });
    if (data.elements.models.length !== data.elements.labels.length) {
      problems.push(at(file, tree, ['elements', 'models'], `${data.elements.models.length} element models for ${data.elements.labels.length} labels`));
    }
    const size = data.features.length;
    const outOfRange = [...Object.values(data.checks), ...data.elements.models].some((m) => m.weights.some(([i]) => i >= size));
    if (outOfRange) problems.push(at(file, tree, ['features'], `a weight names a feature beyond the ${size} features listed`));
    if (problems.length === before) model = new LearnedModel(data);
  }
  const normaliser = new Normaliser(normalise, spelling);
  return { criteria: { lexicon: new Lexicon(concepts), concepts, checks, packs, laws, models, normaliser, learned: model, files: origins }, problems };
}

function checkIdOf(path: string): string {
  return path.replace(/\\/g, '/').split('/').pop()!.replace(/\.json$/, '');
}

/** Format a problem the way compilers do: `file:line:column: message (at /pointer)`. */
export function formatProblem(p: CriteriaProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}${p.pointer ? ` (at ${p.pointer})` : ''}`;
}

function includesItself(id: string, concepts: Record<string, ConceptDefinition>): boolean {
  const stack = [...(concepts[id]?.include ?? [])];
  const seen = new Set<string>();
  while (stack.length) {
    const next = stack.pop()!;
    if (next === id) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(concepts[next]?.include ?? []));
  }
  return false;
}

/** Detector fields whose strings are not concept IDs. */
const NOT_CONCEPTS = new Set(['kind', 'report', 'unlessFrontMatter']);

function conceptRefs(spec: DetectorSpec): Array<[Array<string | number>, string]> {
  const out: Array<[Array<string | number>, string]> = [];
  const visit = (value: unknown, path: Array<string | number>, key?: string) => {
    if (typeof value === 'string') {
      if (key && !NOT_CONCEPTS.has(key)) out.push([path, value]);
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i], key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k], k);
  };
  visit(spec, []);
  return out;
}

function schemaProblem(file: CriteriaFile, tree: JsonNode | undefined, e: ErrorObject): CriteriaProblem {
  const path = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let message = e.message ?? 'is invalid';
  if (e.keyword === 'additionalProperties') message = `unknown property '${(e.params as { additionalProperty: string }).additionalProperty}'`;
  else if (e.keyword === 'enum') message = `${message}: ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  else if (e.keyword === 'required') message = `missing required property '${(e.params as { missingProperty: string }).missingProperty}'`;
  else if (e.keyword === 'const') message = `must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`;
  return at(file, tree, path, message);
}

function at(file: CriteriaFile, tree: JsonNode | undefined, path: Array<string | number>, message: string, offset?: number): CriteriaProblem {
  let where = offset;
  if (where === undefined && tree) {
    // Walk down as far as the path exists, so a missing property points at its parent.
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(tree, path.slice(0, n));
      if (node) {
        where = node.parent?.type === 'property' && n > 0 ? node.parent.offset : node.offset;
        break;
      }
    }
  }
  const { line, column } = lineColumn(file.text, where ?? 0);
  const pointer = path.length ? '/' + path.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/') : '';
  return { file: file.path, pointer, line, column, message };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i + 1;
    }
  }
  return { line, column: offset - last + 1 };
}

export function describeParseError(code: string): string {
  // jsonc-parser names errors in CamelCase ("PropertyNameExpected"); say it in words.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
