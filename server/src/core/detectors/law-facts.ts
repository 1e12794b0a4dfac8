import { tokenRange, type Detector, type Hit } from '../context.js';
import { statusOf } from '../laws.js';

/**
 * `law-facts`: exact checks against the fact table of laws.
 *   - `wrong-year`: a known Act or Regulations with a year that is not its own (the fix
 *     replaces the year, an exact edit);
 *   - `superseded`: a superseded law cited as current, unless the words around it place
 *     it in the past ("it was the Data Protection Act 1998", "replaced by") or in the
 *     setting where it still applies (Northern Ireland, business-to-business sales).
 * Someone else's words (block quotes) are not checked; the reference list is checked
 * for years only.
 */
export const lawFacts: Detector = (ctx, check) => {
  const spec = check.detector;
  if (spec.kind !== 'law-facts') return [];
  const hits: Hit[] = [];
  const historical = spec.historical ? ctx.concept(spec.historical) : undefined;
  for (const citation of ctx.laws) {
    const { sentence, law } = citation;
    if (!law || sentence.block.quoted) continue;
    const status = statusOf(citation);
    const written = sentence.tokens.slice(citation.start, citation.yearToken ?? citation.end).map((t) => t.text).join(' ');
    if (spec.report === 'wrong-year' && status === 'wrong-year' && citation.yearToken !== undefined && law.year) {
      const yearToken = sentence.tokens[citation.yearToken];
      hits.push({
        range: tokenRange(sentence, citation.start, citation.end),
        values: { title: law.title, year: String(law.year), given: yearToken.text },
        fix: { range: { start: yearToken.start, end: yearToken.end }, newText: String(law.year), title: `Change the year to ${law.year}` },
      });
    }
    if (spec.report === 'superseded' && status === 'superseded' && !sentence.block.references) {
      const near = ctx.matches[sentence.index].of(historical ?? -1).some((m) => m.end > citation.start - 8 && m.start < citation.end + 8);
      if (near) continue;
      const unitText = ctx.doc.blocks
        .filter((b) => b.unit === sentence.block.unit)
        .map((b) => b.text)
        .join(' ')
        .toLowerCase();
      if ((law.exceptionContexts ?? []).some((c) => unitText.includes(c))) continue;
      const cited = citation.year !== undefined ? `${written} ${citation.year}` : written;
      hits.push({
        range: tokenRange(sentence, citation.start, citation.end),
        values: { cited, by: law.superseded?.by ?? 'a newer law', note: law.superseded?.note ?? '' },
      });
    }
  }
  return hits;
};
