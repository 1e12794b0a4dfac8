import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * End to end through a real third-party LSP client: Debian's Neovim (0.7, push
 * diagnostics only), headless, attaching markpoint-lsp and reporting what it shows.
 * `.ci/run` installs Neovim; on a developer machine without it, install it with
 * `apt-get install neovim`. In CI a missing Neovim fails the suite rather than skipping.
 */
const root = join(import.meta.dirname, '..', '..');
const hasNvim = spawnSync('nvim', ['--version']).status === 0;
const required = hasNvim || process.env.CI !== undefined;

describe.runIf(required)('markpoint-lsp in headless Neovim', () => {
  let dir: string;
  beforeAll(() => {
    execFileSync('node', [join(root, 'scripts', 'build.mjs')], { cwd: root });
    dir = mkdtempSync(join(tmpdir(), 'markpoint-nvim-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows Markpoint diagnostics and hovers in Neovim', () => {
    expect(hasNvim, 'Neovim is not installed (apt-get install neovim)').toBe(true);
    const file = join(dir, 'assignment.md');
    writeFileSync(
      file,
      '---\nelement: org-purpose-brand\n---\n\n# Brand at the bakery\n\nI work at a bakery. Our brand is basically the pink logo on the boxes.\n\nThe Equality Act 2012 means we keep a ramp by the door, for example for Mr Khan.\n',
    );
    const out = join(dir, 'out.json');
    const xdg = join(dir, 'xdg');
    const env = { ...process.env, MARKPOINT_SERVER: join(root, 'dist', 'server.js'), MARKPOINT_OUT: out, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_STATE_HOME: xdg, XDG_CACHE_HOME: xdg };
    const run = spawnSync('timeout', ['60', 'nvim', '--headless', '--clean', '-u', join(import.meta.dirname, 'nvim-init.lua'), file], { cwd: dir, env, encoding: 'utf8' });
    expect(run.status, `nvim exited ${run.status}: ${run.stderr}`).toBe(0);
    const shown = JSON.parse(readFileSync(out, 'utf8')) as { diagnostics: Array<{ lnum: number; col: number; code: string; source: string; message: string; severity: number }>; hover: string | null };
    const findings = shown.diagnostics.filter((d) => d.code !== 'coverage').sort((a, b) => a.lnum - b.lnum);
    expect(findings.map((d) => [d.lnum, d.code, d.source])).toEqual([
      [6, 'brand-as-logo', 'markpoint'],
      [8, 'law-year-wrong', 'markpoint'],
    ]);
    expect(findings[1]).toMatchObject({ col: 4, severity: 1, message: 'The Equality Act is dated 2010, not 2012.' });
    expect(shown.hover).toMatch(/^\*\*Brand treated as just a logo\*\*/);
  });
});
