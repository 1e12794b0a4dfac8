import type { Criteria, CheckDefinition } from './criteria.js';
import type { DocumentModel, Sentence } from './document.js';
import type { SentenceMatches } from './lexicon.js';
import type { OffsetRange, TextEdit } from './types.js';
import type { EncodedFeatures } from './learned/model.js';
import { findLawCitations, type LawCitation } from './laws.js';

/** Everything a detector may read: the document, its concept matches and the criteria. */
export class AnalysisContext {
  readonly matches: SentenceMatches[];
  /** Per sentence: may no misconception check fire here? Filled in by guards.ts. */
  readonly guarded: Array<boolean | undefined> = [];
  /** Per sentence: the learned layer's features, computed on first use (learned/judge.ts). */
  readonly features: Array<EncodedFeatures | undefined> = [];
  /** Per long sentence: its clauses' features, likewise. */
  readonly clauseFeatures: Array<EncodedFeatures[] | undefined> = [];
  private citations?: LawCitation[];
  private readonly handles = new Map<string, number>();

  constructor(
    readonly doc: DocumentModel,
    readonly criteria: Criteria,
  ) {
    // Informal spellings are read as meant before anything is matched. Idempotent, so a
    // document analysed twice (the language server re-uses them) is normalised once.
    if (doc.normalisedBy !== criteria.normaliser) {
      for (const s of doc.sentences) criteria.normaliser.normalise(s.tokens);
      doc.normalisedBy = criteria.normaliser;
    }
    this.matches = doc.sentences.map((s) => criteria.lexicon.match(s.tokens));
  }

  concept(id: string): number {
    let h = this.handles.get(id);
    if (h === undefined) this.handles.set(id, (h = this.criteria.lexicon.handle(id)));
    return h;
  }

  has(sentence: Sentence, conceptId: string): boolean {
    return this.matches[sentence.index].has(this.concept(conceptId));
  }

  /** Law citations of the whole document, found once and shared by the law checks. */
  get laws(): LawCitation[] {
    this.citations ??= findLawCitations(this.doc, this.criteria.laws);
    return this.citations;
  }

  /** The next sentence in the same block, if any. */
  nextInBlock(sentence: Sentence): Sentence | undefined {
    const next = this.doc.sentences[sentence.index + 1];
    return next && next.block === sentence.block ? next : undefined;
  }
}

/** A detector's raw result: where, and the values its message template needs. */
export interface Hit {
  range: OffsetRange;
  values?: Record<string, string>;
  fix?: TextEdit & { title: string };
}

/** A detector kind: written once in code, configured by each check's data. */
export type Detector = (ctx: AnalysisContext, check: CheckDefinition) => Hit[];

export function tokenRange(sentence: Sentence, from: number, to: number): OffsetRange {
  return { start: sentence.tokens[from].start, end: sentence.tokens[to - 1].end };
}
