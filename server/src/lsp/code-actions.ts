import { CodeActionKind, type CodeAction, type Connection, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult, LineMap } from '../core/index.js';
import type { DiagnosticData } from '../protocol/index.js';
import { COVERAGE_CODE, SOURCE, lspRange } from './diagnostics.js';
import type { DocumentAnalyses } from './documents.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.markpoint`;

/** Answer code action requests from the document's current analysis. */
export function registerCodeActions(connection: Connection, analyses: DocumentAnalyses): void {
  connection.onCodeAction(async (params) => {
    const open = await analyses.current(params.textDocument.uri);
    if (!open) return null;
    const { doc, analysis } = open;
    return codeActions(doc, params.context.diagnostics, analysis.result, analysis.lines, params.context.only);
  });
}

/**
 * Code actions. Only exact, safe edits are ever offered as fixes (a law's year); the
 * others insert a suppression comment. No action writes the learner's answer.
 */
export function codeActions(doc: TextDocument, diagnostics: Diagnostic[], result: AnalysisResult, lines: LineMap, only?: string[]): CodeAction[] {
  const wantsFixAll = only?.some((k) => FIX_ALL_KIND.startsWith(k) || k === CodeActionKind.SourceFixAll);
  const wantsQuickFix = !only || only.some((k) => CodeActionKind.QuickFix.startsWith(k));
  const actions: CodeAction[] = [];
  if (wantsQuickFix) {
    for (const d of diagnostics) {
      if (d.source !== SOURCE) continue;
      const data = d.data as DiagnosticData | undefined;
      const check = data?.check ?? String(d.code ?? '');
      if (!check || check === COVERAGE_CODE) continue;
      if (data?.fix) {
        actions.push({
          title: data.fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: true,
          edit: { changes: { [doc.uri]: [{ range: data.fix.range, newText: data.fix.newText }] } },
        });
      }
      actions.push({ title: `Disable ${check} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [doc.uri]: [disableLine(doc, d.range.start.line, check)] } } });
      actions.push({ title: `Disable ${check} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [doc.uri]: [disableFile(doc, check)] } } });
    }
  }
  if (wantsFixAll) {
    const edits = result.findings.flatMap((f) => (f.fix ? [{ range: lspRange(lines, f.fix.range), newText: f.fix.newText }] : []));
    if (edits.length) actions.push({ title: 'Fix all exact Markpoint problems', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: edits } } });
  }
  return actions;
}

/**
 * Disable a check for one line. Above a line that starts a paragraph, a
 * `disable-next-line` comment; elsewhere (inside a wrapped paragraph, a list item or a
 * table row, where a new line would change the structure) an inline `disable-line`
 * comment at the end of the line.
 */
function disableLine(doc: TextDocument, line: number, check: string): TextEdit {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  const previous = line > 0 ? doc.getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } }).trim() : '';
  const startsBlock = previous === '' && !/^\s*([-*+]|\d+[.)]|>|\|)/.test(text) && !/^\s{4}/.test(text);
  if (startsBlock) return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `<!-- markpoint-disable-next-line ${check} -->\n` };
  return { range: { start: { line, character: text.length }, end: { line, character: text.length } }, newText: ` <!-- markpoint-disable-line ${check} -->` };
}

/** Disable a check for the whole file: a comment at the top of the body. */
function disableFile(doc: TextDocument, check: string): TextEdit {
  const text = doc.getText();
  const fm = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  const offset = fm ? fm[0].length : 0;
  return { range: { start: doc.positionAt(offset), end: doc.positionAt(offset) }, newText: `${fm ? '\n' : ''}<!-- markpoint-disable ${check} -->\n\n` };
}
