// @vitest-environment happy-dom
// The evaluation pipeline (src/workbench/services/pipeline.ts) under fake timers: typing is checked once
// when it pauses, an input method's composition holds the check back, a resting as-of slider evaluates
// once, a newer request supersedes an older one, and a plan with errors is not evaluated.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ASOF_DELAY_MS, EDIT_DELAY_MS, EvaluationPipeline } from '../../../src/workbench/services/pipeline.js';
import type { Store } from '../../../src/workbench/state.js';
import { NotificationService } from '../../../src/workbench/services/notifications.js';
import { words } from '../../../src/workbench/i18n.js';
import { check, fakeClient, settle, store } from './fakes.js';

function pipeline(s: Store, client = fakeClient()) {
  const notifications = new NotificationService(s);
  const p = new EvaluationPipeline(s, {
    client: client.client as never,
    notifications,
    editor: { versions: () => new Map(), applyCheck: vi.fn(), refreshLenses: vi.fn() },
    workspace: {
      recordText: (path, text) => {
        const b = s.s.buffers.get(path);
        if (b) b.text = text;
      },
      rememberActive: vi.fn(),
    },
    plugins: { configs: () => [], configOf: () => null, restrictedCount: () => 0, refreshExports: vi.fn() },
    dataUrl: () => 'api/data',
  });
  return { p, notifications, ...client };
}

function withPlan(s: Store): void {
  s.s.buffers.set('a.plan', {
    path: 'a.plan',
    text: '计划 甲',
    savedText: '计划 甲',
    etag: 'e1',
    stamp: '1',
    readOnly: false,
    changedOnDisk: false,
  });
  s.update({ entry: 'a.plan', asOf: '2018-06-30', range: { from: '2018-01-01', to: '2018-12-31' }, check: check() });
}

const model = (text: string) => ({ getValue: () => text, getValueLength: () => text.length });

describe('the evaluation pipeline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks once when typing pauses, however many keystrokes came before', async () => {
    const s = store();
    withPlan(s);
    const { p, asked, engine } = pipeline(s);
    p.edited('a.plan', model('计划 甲1'));
    vi.advanceTimersByTime(EDIT_DELAY_MS - 10);
    p.edited('a.plan', model('计划 甲12'));
    vi.advanceTimersByTime(EDIT_DELAY_MS - 10);
    p.edited('a.plan', model('计划 甲123'));
    expect(asked).toEqual([]);
    expect(s.s.reportStale).toBe(true);
    vi.advanceTimersByTime(EDIT_DELAY_MS);
    await settle();
    expect(engine.updateFile).toHaveBeenCalledTimes(1);
    expect(engine.updateFile).toHaveBeenCalledWith('a.plan', '计划 甲123');
    expect(asked).toEqual(['check a.plan', 'evaluate 2018-06-30']);
    // The replay waits for the evaluation to land, then runs once.
    vi.advanceTimersByTime(400);
    await settle();
    expect(asked).toEqual(['check a.plan', 'evaluate 2018-06-30', 'replay week']);
    expect(p.pendingTimers).toBe(0);
    p.dispose();
  });

  it('holds the check while an input method composes, and runs it on the committed characters', async () => {
    const s = store();
    withPlan(s);
    const { p, asked, engine } = pipeline(s);
    // One model, as Monaco's: its text changes under the same object.
    let text = '计划 jia';
    const m = { getValue: () => text, getValueLength: () => text.length };
    p.composing(true);
    p.edited('a.plan', m);
    vi.advanceTimersByTime(EDIT_DELAY_MS * 4);
    await settle();
    expect(asked).toEqual([]);
    // Committed: the pinyin becomes characters (an edit), then the composition ends.
    text = '计划 甲乙';
    p.edited('a.plan', m);
    p.composing(false);
    vi.advanceTimersByTime(EDIT_DELAY_MS);
    await settle();
    expect(engine.updateFile.mock.calls).toEqual([['a.plan', '计划 甲乙']]);
    expect(asked[0]).toBe('check a.plan');

    // A composition that ends with no edit after it: the held check runs then.
    text = '计划 甲乙丙';
    p.composing(true);
    p.edited('a.plan', m);
    vi.advanceTimersByTime(EDIT_DELAY_MS);
    expect(engine.updateFile).toHaveBeenCalledTimes(1);
    p.composing(false);
    await settle();
    expect(engine.updateFile.mock.calls.at(-1)).toEqual(['a.plan', '计划 甲乙丙']);
    p.dispose();
  });

  it('evaluates once when the as-of slider rests, at the date it rests on', async () => {
    const s = store();
    withPlan(s);
    const { p, asked } = pipeline(s);
    for (const d of ['2018-07-01', '2018-07-02', '2018-07-03', '2018-07-04']) {
      p.setAsOf(d);
      vi.advanceTimersByTime(ASOF_DELAY_MS / 2);
    }
    expect(asked).toEqual([]);
    vi.advanceTimersByTime(ASOF_DELAY_MS);
    await settle();
    expect(asked).toEqual(['evaluate 2018-07-04']);
    expect(s.s.report?.asOf).toBe('2018-07-04');
    // The same date again asks nothing.
    p.setAsOf('2018-07-04', true);
    vi.advanceTimersByTime(ASOF_DELAY_MS);
    await settle();
    expect(asked).toEqual(['evaluate 2018-07-04']);
    p.dispose();
  });

  it('drops an answer superseded by a newer request on its channel', async () => {
    const s = store();
    withPlan(s);
    const c = fakeClient();
    let release!: () => void;
    const first = new Promise<void>((r) => {
      release = r;
    });
    let n = 0;
    c.engine.evaluate.mockImplementation(async (_seq: number, q: { entry: string; asOf: string }) => {
      if (n++ === 0) await first;
      return { ok: true as const, value: { report: { asOf: q.asOf }, tasksTotal: 0 } };
    });
    const { p } = pipeline(s, c);
    s.update({ asOf: '2018-03-31' });
    const older = p.runEvaluate();
    s.update({ asOf: '2018-09-30' });
    await p.runEvaluate();
    expect(s.s.report?.asOf).toBe('2018-09-30');
    release();
    await older;
    // The late answer for March did not overwrite September's.
    expect(s.s.report?.asOf).toBe('2018-09-30');
    p.dispose();
  });

  it('does not evaluate a plan whose check found errors; the last report stays, marked stale', async () => {
    const s = store();
    withPlan(s);
    s.update({ report: { asOf: '2018-05-31' } as never });
    const bad = check({
      blocked: true,
      errorCount: 1,
      diagnostics: [
        { severity: 'error', code: 'E0101', message: '未知的指标', messageEn: 'unknown indicator' } as never,
      ],
    });
    const { p, asked } = pipeline(s, fakeClient({ check: () => bad }));
    await p.runCheck();
    vi.advanceTimersByTime(1000);
    await settle();
    expect(asked).toEqual(['check a.plan']);
    expect(s.s.reportStale).toBe(true);
    expect(s.s.evalErrors.map((d) => d.code)).toEqual(['E0101']);
    p.dispose();
  });

  it("says a data set's rejected rows once, and forgets them when data without problems is in use", async () => {
    const s = store();
    withPlan(s);
    const c = fakeClient();
    c.engine.loadData.mockImplementation(async () => ({
      ok: true as const,
      value: { cases: 32, rejected: 8, read: 40 },
    }));
    const { p } = pipeline(s, c);
    s.update({ dataSelection: { cases: ['half-broken.ndjson'], progress: [], staffing: [] } });
    await p.loadData();
    p.reloadData();
    await settle();
    expect(s.s.notices.map((n) => words(n.text))).toEqual(['数据问题: 8 拒收 / 40 读取']);
    c.engine.loadData.mockImplementation(async () => ({
      ok: true as const,
      value: { cases: 40, rejected: 0, read: 40 },
    }));
    p.selectData({ cases: ['clean.ndjson'], progress: [], staffing: [] });
    await settle();
    expect(s.s.data?.cases).toBe(40);
    expect(s.s.notices).toEqual([]);
    p.dispose();
  });

  it('a disposed pipeline runs none of its waiting timers', async () => {
    const s = store();
    withPlan(s);
    const { p, asked } = pipeline(s);
    p.edited('a.plan', model('计划 甲1'));
    p.setAsOf('2018-08-01');
    p.scheduleReplay(100);
    expect(p.pendingTimers).toBe(3);
    p.dispose();
    expect(p.pendingTimers).toBe(0);
    vi.advanceTimersByTime(5000);
    await settle();
    expect(asked).toEqual([]);
  });
});
