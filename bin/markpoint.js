#!/usr/bin/env node
// The `markpoint` command.
import { runBundle } from './run-bundle.js';

await runBundle('cli.js', 'markpoint');
