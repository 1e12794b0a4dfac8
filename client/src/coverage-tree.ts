import * as vscode from 'vscode';
import type { CoveragePoint, CoverageReport } from '../../server/src/protocol/index.js';

/**
 * The criteria coverage panel: the element being answered, then each marking point with
 * its status; expanding a point lists the passages that evidence it (choosing one
 * selects it in the editor) and what is still missing; a last node lists the
 * misconceptions found.
 */
export type CoverageNode =
  | { kind: 'element'; report: CoverageReport }
  | { kind: 'point'; report: CoverageReport; point: CoveragePoint }
  | { kind: 'evidence'; report: CoverageReport; point: CoveragePoint; index: number }
  | { kind: 'missing'; text: string }
  | { kind: 'misconceptions'; report: CoverageReport }
  | { kind: 'misconception'; report: CoverageReport; index: number };

const STATUS_ICON: Record<CoveragePoint['status'], vscode.ThemeIcon> = {
  covered: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  partial: new vscode.ThemeIcon('circle-large-filled', new vscode.ThemeColor('testing.iconQueued')),
  missing: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('testing.iconFailed')),
};

const SOURCE_TEXT: Record<CoverageReport['elementSource'], string> = {
  'front-matter': 'from front matter',
  option: 'from settings',
  inferred: 'inferred from the text',
};

export class CoverageTreeProvider implements vscode.TreeDataProvider<CoverageNode> {
  private readonly changed = new vscode.EventEmitter<CoverageNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private report?: CoverageReport;

  /** Show a document's coverage, or nothing (the welcome view) when undefined. */
  show(report: CoverageReport | undefined): void {
    this.report = report;
    void vscode.commands.executeCommand('setContext', 'markpoint.hasCoverage', !!report);
    this.changed.fire(undefined);
  }

  get current(): CoverageReport | undefined {
    return this.report;
  }

  getChildren(node?: CoverageNode): CoverageNode[] {
    const report = this.report;
    if (!report) return [];
    if (!node) {
      return [
        { kind: 'element', report },
        ...report.points.map((point) => ({ kind: 'point' as const, report, point })),
        { kind: 'misconceptions', report },
      ];
    }
    if (node.kind === 'point') {
      return [
        ...node.point.evidence.map((_, index) => ({ kind: 'evidence' as const, report: node.report, point: node.point, index })),
        ...node.point.missing.map((text) => ({ kind: 'missing' as const, text: `Not yet evidenced: ${text}` })),
        ...node.point.heldBackBy.map((check) => ({ kind: 'missing' as const, text: `Held back by: ${check}` })),
      ];
    }
    if (node.kind === 'misconceptions') return node.report.misconceptions.map((_, index) => ({ kind: 'misconception' as const, report: node.report, index }));
    return [];
  }

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    switch (node.kind) {
      case 'element': {
        const item = new vscode.TreeItem(node.report.elementTitle, vscode.TreeItemCollapsibleState.None);
        item.description = `${node.report.element} · ${SOURCE_TEXT[node.report.elementSource]}`;
        const close = node.report.elementRunnerUp ? ` It was a close call with ${node.report.elementRunnerUp}: check it is the element you are answering.` : '';
        item.tooltip = `Checked against ${node.report.element} (${SOURCE_TEXT[node.report.elementSource]}).${close} ${node.report.wordCount} words. Change it with “Markpoint: Choose Element for This File”.`;
        item.iconPath = new vscode.ThemeIcon('mortar-board');
        item.contextValue = 'element';
        return item;
      }
      case 'point': {
        const { point } = node;
        const item = new vscode.TreeItem(point.pointId, point.evidence.length || point.missing.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `${node.report.uri}#${point.id}`;
        item.description = `${point.status} · ${point.summary}`;
        item.tooltip = new vscode.MarkdownString(`**${point.id}** (${point.status})\n\n${point.summary}\n\n*Examiner:* ${point.examiner}`);
        item.iconPath = STATUS_ICON[point.status];
        item.contextValue = `point.${point.status}`;
        return item;
      }
      case 'evidence': {
        const evidence = node.point.evidence[node.index];
        const item = new vscode.TreeItem(excerpt(evidence.text), vscode.TreeItemCollapsibleState.None);
        item.description = `line ${evidence.range.start.line + 1} · ${evidence.facet}`;
        item.tooltip = evidence.text;
        item.iconPath = new vscode.ThemeIcon('quote');
        item.command = { command: 'markpoint.reveal', title: 'Show this passage', arguments: [node.report.uri, evidence.range] };
        return item;
      }
      case 'missing': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'misconceptions': {
        const n = node.report.misconceptions.length;
        const item = new vscode.TreeItem(n ? `Misconceptions (${n})` : 'No misconceptions found', n ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(n ? 'warning' : 'check');
        return item;
      }
      case 'misconception': {
        const m = node.report.misconceptions[node.index];
        const item = new vscode.TreeItem(m.code, vscode.TreeItemCollapsibleState.None);
        item.description = `line ${m.range.start.line + 1}`;
        item.tooltip = m.message;
        item.iconPath = new vscode.ThemeIcon(m.severity === 'error' ? 'error' : m.severity === 'warning' ? 'warning' : 'info');
        item.command = { command: 'markpoint.reveal', title: 'Show this finding', arguments: [node.report.uri, m.range] };
        return item;
      }
    }
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}
