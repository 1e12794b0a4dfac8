import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server.js';

/**
 * `markpoint-lsp --stdio` (any LSP client) or `--node-ipc` (the VS Code extension).
 * The transport is read from the command line by vscode-languageserver.
 */
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: markpoint-lsp --stdio | --node-ipc | --socket=PORT\n\nThe Markpoint language server for Markdown assignments.\n');
  process.exit(0);
}
const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (error) => connection.console.error(`Markpoint: unexpected error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (error) => connection.console.error(`Markpoint: unexpected error: ${String(error)}`));
startServer(connection);
connection.listen();
