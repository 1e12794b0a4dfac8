import type { DocumentModel } from './document.js';
import type { Finding } from './types.js';
import { LineMap } from './positions.js';

/**
 * Suppression, as in markdownlint:
 *   <!-- markpoint-disable-next-line CHECK … -->   the line after the comment
 *   <!-- markpoint-disable-line CHECK … -->        the comment's own line (inline)
 *   <!-- markpoint-disable CHECK … --> … <!-- markpoint-enable CHECK … -->
 *   front matter `markpoint-disable: [CHECK, …]`   the whole file
 * A directive without check IDs applies to every check.
 */
export function disabledInFrontMatter(doc: DocumentModel): Set<string> {
  const value = doc.frontMatter?.data['markpoint-disable'];
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  return new Set(list.filter((v): v is string => typeof v === 'string' && v.length > 0));
}

export function applySuppressions(doc: DocumentModel, findings: Finding[]): Finding[] {
  const fileWide = disabledInFrontMatter(doc);
  if (fileWide.size === 0 && doc.directives.length === 0) return findings;
  const map = new LineMap(doc.text);
  const lines = (offset: number) => map.lineOf(offset);
  const matches = (checks: string[], id: string) => checks.length === 0 || checks.includes(id);
  return findings.filter((f) => {
    if (fileWide.has(f.check)) return false;
    const line = lines(f.range.start);
    let disabled = false;
    for (const d of doc.directives) {
      if (d.start > f.range.start) break;
      if (!matches(d.checks, f.check)) continue;
      if (d.kind === 'disable') disabled = true;
      else if (d.kind === 'enable') disabled = false;
    }
    if (disabled) return false;
    return !doc.directives.some(
      (d) =>
        matches(d.checks, f.check) &&
        ((d.kind === 'disable-next-line' && lines(d.end - 1) + 1 === line) || (d.kind === 'disable-line' && lines(d.start) === line)),
    );
  });
}
