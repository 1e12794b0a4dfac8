import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, parse as parsePath, relative, resolve } from 'node:path';
import picomatch from 'picomatch';
import Ajv, { type ValidateFunction } from 'ajv';
import { parseTree, findNodeAtLocation, printParseErrorCode, type ParseError } from 'jsonc-parser';
import schema from '../../../schemas/markpoint-config.schema.json';
import { describeParseError, LineMap, type Settings } from '../core/index.js';

/**
 * `.markpoint.json`: project settings, found from a file's folder upwards (the nearest
 * wins, as with markdownlint), never above `stopAt` when given. Read through a small
 * cache keyed by modification time, so editors can ask on every analysis.
 */
export const CONFIG_FILE = '.markpoint.json';

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ConfigOverride {
  files: string[];
  element?: string;
  checks?: Settings['checks'];
}

export interface LoadedConfig {
  file: string;
  settings: Partial<Settings>;
  overrides: ConfigOverride[];
  ignore: string[];
  problems: ConfigProblem[];
}

let validate: ValidateFunction | undefined;
const cache = new Map<string, { stamp: string; config: LoadedConfig }>();

export function findConfigFile(fromDir: string, stopAt?: string): string | undefined {
  let dir = resolve(fromDir);
  const stop = stopAt ? resolve(stopAt) : undefined;
  const root = parsePath(dir).root;
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    if (dir === stop || dir === root) return undefined;
    dir = dirname(dir);
  }
}

/** Read and validate a config file. Problems are returned with positions; never throws. */
export function loadConfigFile(file: string): LoadedConfig {
  let stamp: string;
  try {
    const info = statSync(file);
    // Size as well as time: two writes within the clock's resolution still differ.
    stamp = `${info.mtimeMs}:${info.size}`;
  } catch (error) {
    return broken(file, [{ file, line: 1, column: 1, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read' }]);
  }
  const hit = cache.get(file);
  if (hit && hit.stamp === stamp) return hit.config;
  const config = parseConfig(file, readFileSync(file, 'utf8'));
  cache.set(file, { stamp, config });
  return config;
}

/** A config that contributes nothing, with the problems that say why. */
function broken(file: string, problems: ConfigProblem[]): LoadedConfig {
  return { file, settings: {}, overrides: [], ignore: [], problems };
}

export function parseConfig(file: string, text: string): LoadedConfig {
  const lines = new LineMap(text);
  const at = (offset: number, message: string): ConfigProblem => {
    const p = lines.positionAt(offset);
    return { file, line: p.line + 1, column: p.character + 1, message };
  };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !tree) {
    const e = errors[0];
    return broken(file, [at(e?.offset ?? 0, `invalid JSON: ${e ? describeParseError(printParseErrorCode(e.error)) : 'empty file'}`)]);
  }
  const value: unknown = JSON.parse(text);
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map((e) => {
      const path = e.instancePath.split('/').slice(1);
      const node = findNodeAtLocation(tree, path);
      const extra = e.keyword === 'additionalProperties' ? `unknown setting '${(e.params as { additionalProperty: string }).additionalProperty}'` : e.keyword === 'enum' ? `${e.message}: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : e.message ?? 'is invalid';
      return at(node?.offset ?? 0, `${e.instancePath || 'the file'} ${extra}`.replace(/^\//, ''));
    });
    return broken(file, problems);
  }
  const { $schema: _schema, overrides = [], ignore = [], ...settings } = value as Partial<Settings> & { $schema?: string; overrides?: ConfigOverride[]; ignore?: string[] };
  return { file, settings, overrides, ignore, problems: [] };
}

const matchers = new Map<string, (path: string) => boolean>();

function matches(patterns: string[], config: LoadedConfig, path: string): boolean {
  const rel = relative(dirname(config.file), resolve(path)).replace(/\\/g, '/');
  if (rel.startsWith('../')) return false;
  return patterns.some((pattern) => {
    let m = matchers.get(pattern);
    if (!m) matchers.set(pattern, (m = picomatch(pattern, { dot: true })));
    return m(rel);
  });
}

/** The config's settings for one file: the base settings, then each override that matches it. */
export function settingsForFile(config: LoadedConfig, path: string): Array<Partial<Settings>> {
  return [config.settings, ...config.overrides.filter((o) => matches(o.files, config, path)).map(({ files: _files, ...rest }) => rest)];
}

/** True when the config's `ignore` patterns leave this file out. */
export function isIgnored(config: LoadedConfig, path: string): boolean {
  return config.ignore.length > 0 && matches(config.ignore, config, path);
}
