/**
 * The analysis core of Markpoint. Pure: no `vscode`, no LSP, no `node:` modules, no
 * I/O. It takes text and criteria and returns findings and coverage; adapters (the
 * language server, the CLI, the tests) do the reading and writing.
 */
export { analyse, analyseDocument, docsUrlOf, elementDocsUrlOf, DOCS_URL, PRODUCT_CHECKS, PRODUCT_CHECK_DEFINITIONS } from './analyse.js';
export { buildDocument } from './document.js';
export type { DocumentModel, Block, Sentence, Section } from './document.js';
export { loadCriteria, formatProblem, kindOf, describeParseError } from './criteria.js';
export type { Criteria, CriteriaFile, CriteriaProblem, CriteriaLoadResult, CheckDefinition, Pack, MarkingPoint, Facet, KeyConcept, Law, Model } from './criteria.js';
export { LineMap, type Position } from './positions.js';
export * from './types.js';
export { DEFAULT_SETTINGS, mergeSettings, analysisOptions, type Settings } from './settings.js';
export { primarySection } from './coverage.js';
export { checkTitle, STATUS_SYMBOL, statusLabel } from './labels.js';
