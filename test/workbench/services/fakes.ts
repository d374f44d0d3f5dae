// Fakes for the workbench services' tests: a store whose frames the fake timers run, an engine client
// whose answers the test decides, and a server API that records what was asked of it.
import { vi } from 'vitest';
import { createStore, type Store } from '../../../src/workbench/state.js';
import type { CheckSummary } from '../../../src/workers/protocol.js';
import type { Answer } from '../../../src/workbench/server-api.js';

/** Runs the store's pending frame (requestAnimationFrame is faked with the timers). */
export function frame(): void {
  vi.advanceTimersByTime(20);
}

export function store(): Store {
  return createStore('zh');
}

export function check(over: Partial<CheckSummary> = {}): CheckSummary {
  return {
    entry: 'a.plan',
    diagnostics: [],
    errorCount: 0,
    warningCount: 0,
    blocked: false,
    calls: [],
    files: ['a.plan'],
    ms: 1,
    ir: {
      plan: { period: { from: '2018-01-01', to: '2018-12-31' } },
      phases: [],
      roles: [],
    } as unknown as CheckSummary['ir'],
    ...over,
  };
}

/** An engine client whose every request is answered at once, counting what was asked. */
export function fakeClient(opts: { check?: () => CheckSummary } = {}) {
  const asked: string[] = [];
  const engine = {
    updateFile: vi.fn(async () => {}),
    clearData: vi.fn(async () => {}),
    check: vi.fn(async (_seq: number, entry: string) => {
      asked.push(`check ${entry}`);
      return { ok: true as const, value: opts.check?.() ?? check({ entry }) };
    }),
    evaluate: vi.fn(async (_seq: number, q: { entry: string; asOf: string }) => {
      asked.push(`evaluate ${q.asOf}`);
      return { ok: true as const, value: { report: { asOf: q.asOf }, tasksTotal: 0 } };
    }),
    replay: vi.fn(async (_seq: number, q: { step: string }) => {
      asked.push(`replay ${q.step}`);
      return { ok: true as const, value: { replay: { dates: [] } } };
    }),
    loadData: vi.fn(async () => {
      asked.push('load');
      return { ok: true as const, value: { cases: 10, rejected: 0, read: 10 } };
    }),
    cases: vi.fn(async () => ({ ok: true as const, value: { rows: [], total: 0 } })),
  };
  const seq: Record<string, number> = {};
  const client = {
    engine,
    cancel: vi.fn(),
    // As EngineClient.request: an answer older than the newest request on its channel is dropped (null).
    async request<T>(channel: string, call: (seq: number) => Promise<T>): Promise<T | null> {
      const mine = (seq[channel] ?? 0) + 1;
      seq[channel] = mine;
      const r = await call(mine);
      return mine === seq[channel] ? r : null;
    },
  };
  return { client, engine, asked };
}

export const ok = <T>(value: T): Answer<T> => ({ ok: true, value });
export const down = <T>(): Answer<T> => ({ ok: false, status: 0, error: 'Failed to fetch' });

/** Lets pending promises settle (the fake timers do not run them). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
