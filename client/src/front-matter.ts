/**
 * The edit that sets `element:` in a Markdown file's front matter: replace the value
 * when the key is there, add the key when the front matter is, and create front matter
 * when there is none. One edit, so one undo. Pure (no vscode), so vitest can test it.
 */
export interface TextChange {
  /** Offsets into the text: [start, end) is replaced by `text`. */
  start: number;
  end: number;
  text: string;
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)(?:\r?\n)?---[ \t]*(?:\r?\n|$)/;

export function setElementChange(document: string, element: string): TextChange {
  const eol = document.includes('\r\n') ? '\r\n' : '\n';
  const fm = FRONT_MATTER.exec(document);
  if (!fm) return { start: 0, end: 0, text: `---${eol}element: ${element}${eol}---${eol}${eol}` };
  const bodyStart = fm[0].indexOf(fm[1]);
  const line = /^element[ \t]*:.*$/m.exec(fm[1]);
  if (line) {
    const start = bodyStart + line.index;
    return { start, end: start + line[0].replace(/\r$/, '').length, text: `element: ${element}` };
  }
  const afterOpening = fm[0].indexOf('\n') + 1;
  return { start: afterOpening, end: afterOpening, text: `element: ${element}${eol}` };
}
