// Writes editors/vscode's TextMate grammar and snippets from the keyword table (after `npm run build`):
// node scripts/build-vscode-grammar.js. test/lsp/vscode.test.ts fails when the committed files are stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { snippets, textMateGrammar } from '../dist/engine/language/textmate.js';

const ext = join(dirname(fileURLToPath(import.meta.url)), '..', 'editors', 'vscode');
writeFileSync(join(ext, 'syntaxes', 'luoshi.tmLanguage.json'), JSON.stringify(textMateGrammar(), null, 2) + '\n');
writeFileSync(join(ext, 'snippets', 'luoshi.json'), JSON.stringify(snippets(), null, 2) + '\n');
console.log('editors/vscode: syntaxes/luoshi.tmLanguage.json, snippets/luoshi.json');
