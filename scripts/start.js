// `npm start`: the main job — print the 宁波 seed plan's report on the example data (the harness), then
// serve the workbench on the seed plans and the example data. Run after `npm run build`. `luoshi serve`
// prints the URL to open: it holds the session token (http://127.0.0.1:4318/?token=…).
import { spawnSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const luoshi = join(root, 'bin', 'luoshi.js');
const report = spawnSync(process.execPath, [luoshi, 'check', 'policies/ningbo-2018.plan',
  '--data', 'examples/data/ningbo-2018.ndjson', '--progress', 'examples/data/progress-ningbo-2018.ndjson',
  '--staffing', 'examples/data/staffing-2018.ndjson', '--as-of', '2018-12-31'], { cwd: root, stdio: 'inherit' });
// Exit 1 means the report found missed targets (the example data has some): that is the report, not a failure.
if (report.status === 2) process.exit(2);
// --trust: these are this checkout's own folders, whose example plugins (examples/plugins/) are part of the
// demonstration; trust lasts for this run only (docs/security.md, Workspace trust).
const serve = spawn(process.execPath, [luoshi, 'serve', 'policies', 'examples', '--trust'], { cwd: root, stdio: 'inherit' });
serve.on('exit', (code) => process.exit(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => serve.kill(sig));
