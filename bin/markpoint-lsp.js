#!/usr/bin/env node
// The Markpoint language server: `markpoint-lsp --stdio`.
import { runBundle } from './run-bundle.js';

await runBundle('server.js', 'markpoint-lsp');
