import type { AnalysisOptions, Severity } from './types.js';

/**
 * The settings a user can give Markpoint, with the same keys in the editor
 * (`markpoint.*`) and in a project's `.markpoint.json`.
 */
export interface Settings {
  /** Element to check against when front matter does not name one. */
  element?: string;
  /** Severity per check ID, or `off`. */
  checks: Record<string, Severity | 'off'>;
  /** Show not-yet-evidenced marking points as information hints (editor only). */
  coverageHints: boolean;
  /** Milliseconds after the last edit before analysing (editor only). */
  debounce: number;
}

export const DEFAULT_SETTINGS: Settings = { checks: {}, coverageHints: true, debounce: 300 };

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/**
 * Merge layers of partial settings, later layers winning; `checks` merge per check.
 * Values of the wrong type are ignored, so a half-broken layer still contributes the
 * rest.
 */
export function mergeSettings(...layers: Array<Partial<Record<keyof Settings, unknown>> | undefined | null>): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS, checks: {} };
  for (const layer of layers) {
    if (!layer || typeof layer !== 'object') continue;
    if (typeof layer.element === 'string' && layer.element) out.element = layer.element;
    else if (layer.element === null) delete out.element;
    if (layer.checks && typeof layer.checks === 'object') {
      for (const [id, value] of Object.entries(layer.checks as Record<string, unknown>)) {
        if (typeof value === 'string' && SEVERITIES.has(value)) out.checks[id] = value as Severity | 'off';
      }
    }
    if (typeof layer.coverageHints === 'boolean') out.coverageHints = layer.coverageHints;
    if (typeof layer.debounce === 'number' && Number.isFinite(layer.debounce) && layer.debounce >= 0) out.debounce = Math.min(layer.debounce, 5000);
  }
  return out;
}

export function analysisOptions(settings: Settings): AnalysisOptions {
  return { element: settings.element, severities: settings.checks };
}
