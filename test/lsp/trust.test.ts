// Workspace trust: luoshi.config.yaml's plugins (their functions, event types, lints) are used only when
// the client says the folder is trusted; otherwise built-ins only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../corpus/host.js';
import { TestClient, uriOf } from './client.js';

const FOLDER = join(ROOT, 'examples', 'plugins', 'fujin-kpi');
const PLAN = join(FOLDER, 'kpi.plan');

async function diagnosticsWith(trusted: boolean): Promise<string[]> {
  const client = new TestClient();
  try {
    await client.request('initialize', {
      processId: process.pid,
      rootUri: uriOf(FOLDER),
      capabilities: {},
      initializationOptions: { trusted, lang: 'en' },
    });
    await client.notify('initialized', {});
    await client.open(PLAN, readFileSync(PLAN, 'utf8'));
    const p = await client.diagnostics(uriOf(PLAN));
    expect(await client.stop()).toBe(0);
    return p.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
  } finally {
    client.child.kill();
  }
}

describe('luoshi lsp --stdio and workspace trust', () => {
  it("an untrusted folder: built-ins only, so the plugin's function is unknown", async () => {
    const ds = await diagnosticsWith(false);
    expect(ds).toContain('19:89 E0201 unknown function "接卷日期"');
    expect(ds.filter((d) => d.includes(' E')).length).toBe(3);
  }, 60_000);

  it("a trusted folder: the configuration's plugin supplies the functions and event types", async () => {
    expect(await diagnosticsWith(true)).toEqual([]);
  }, 60_000);
});
