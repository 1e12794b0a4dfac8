#!/usr/bin/env node
// A UI smoke test of the extension in a real VS Code workbench, driven from the
// browser as a person would, not from the extension host: code-server with Markpoint
// installed from this folder (a link in its extensions folder, as an installed
// extension, not a development one), Debian's Chromium through playwright-core.
//
//   1. open a temporary copy of examples/ with garden-centre-brand.md in the editor
//      (the workbench URL's `folder` and its payload's `openFile`);
//   2. open the Problems panel with its shortcut (Ctrl+Shift+M; the command palette if
//      that does nothing) and wait for Markpoint's law-year-wrong finding;
//   3. when the extension contributes the `markpoint` view container, open it from the
//      activity bar and wait for the coverage tree to show the example's element;
//   4. save a screenshot to test-results/vscode-ui.png (also on failure).
//
// Run after `node scripts/build.mjs` (the extension's bundle) and
// install-code-server.sh. Exits 0 when every step passed; prints each step's time.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, missingPrerequisite, root, screenshotPath, startCodeServer, vscodeVersion, workbenchUrl } from './code-server.mjs';

const STEP_TIMEOUT = 60_000;
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;
const hasViewContainer = (manifest.contributes?.viewsContainers?.activitybar ?? []).some((c) => c.id === 'markpoint');

const started = Date.now();
const step = (message) => console.log(`[ui-smoke] ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${message}`);

async function main() {
  const missing = missingPrerequisite();
  if (missing) {
    console.error(`[ui-smoke] ${missing}`);
    return 2;
  }
  const temp = mkdtempSync(join(tmpdir(), 'markpoint-ui-'));
  const workspace = join(temp, 'examples');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  const file = join(workspace, 'garden-centre-brand.md');

  let server;
  let browser;
  let page;
  let ok = false;
  try {
    // Installed from the folder: <publisher>.<name>-<version> in the extensions folder.
    server = await startCodeServer({
      prepare: (_temp, dirs) => symlinkSync(root, join(dirs.extensions, `${extensionId}-${manifest.version}`), 'dir'),
    });
    step(`code-server (VS Code ${vscodeVersion()}) on ${server.base}`);
    browser = await launchChromium(server);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(workbenchUrl(server, { folder: workspace, payload: [['openFile', server.remote(file)]] }));
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT });
    await page.locator('.tabs-container .tab', { hasText: 'garden-centre-brand.md' }).waitFor({ timeout: STEP_TIMEOUT });
    step('workbench shown with garden-centre-brand.md open');

    // The Problems panel: its shortcut, or the command palette when the shortcut is not taken.
    const problems = page.locator('.markers-panel');
    await page.keyboard.press('Control+Shift+M');
    if (!(await problems.isVisible().catch(() => false))) {
      await problems.waitFor({ timeout: 3000 }).catch(async () => {
        step('Ctrl+Shift+M did not open Problems; using the command palette');
        await page.keyboard.press('F1');
        await page.keyboard.type('View: Focus Problems');
        await page.keyboard.press('Enter');
        await problems.waitFor({ timeout: STEP_TIMEOUT });
      });
    }
    const lawRow = problems.locator('.monaco-list-row', { hasText: 'law-year-wrong' });
    await lawRow.waitFor({ timeout: STEP_TIMEOUT });
    const lawText = await lawRow.innerText();
    if (!lawText.includes('The Equality Act is dated 2010, not 2012.') || !lawText.includes('markpoint')) {
      throw new Error(`the law-year-wrong row reads: ${JSON.stringify(lawText)}`);
    }
    step(`Problems shows: ${lawText.replace(/\s+/g, ' ')}`);

    if (hasViewContainer) {
      // The activity bar entry of the `markpoint` view container.
      const entry = page.locator('.part.activitybar .action-item a[aria-label^="Markpoint"]').first();
      await entry.click({ timeout: STEP_TIMEOUT });
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /coverage/i }) }).first();
      const elementRow = view.locator('.monaco-list-row', { hasText: 'org-purpose-brand' });
      await elementRow.waitFor({ timeout: STEP_TIMEOUT });
      const rows = await view.locator('.monaco-list-row').allInnerTexts();
      step(`Markpoint view shows ${rows.length} rows: ${rows.map((r) => r.replace(/\s+/g, ' ')).join(' | ')}`);
    } else {
      step('the extension contributes no `markpoint` view container: not opened');
    }
    ok = true;
  } catch (error) {
    console.error(`[ui-smoke] failed: ${error instanceof Error ? error.message : error}`);
    if (server) console.error(`[ui-smoke] code-server's log (last lines):\n${server.logTail()}`);
  }
  if (page) {
    await page.mouse.move(700, 300).catch(() => {}); // no hover tooltip in the picture
    const shot = screenshotPath('vscode-ui.png');
    await page.screenshot({ path: shot }).then(() => step(`screenshot: ${shot}`), () => {});
  }
  await browser?.close().catch(() => {});
  await server?.stop();
  rmSync(temp, { recursive: true, force: true });
  step(ok ? 'passed' : 'FAILED');
  return ok ? 0 : 1;
}

process.exit(await main());
