// How the workbench picks data for a plan (src/workbench/data-choice.ts): the user's choice, else what
// luoshi.config.yaml's `data:` names, else the one case file beside the plan (marked as a guess) — never
// a file by its name. And how the server hands a configuration's `data:` over as workspace paths.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  configuredData,
  dataBanner,
  guessData,
  pickData,
  DATABASE_SELECTION,
  type DataConfig,
  type DataFile,
} from '../../src/workbench/data-choice.js';
import { kindOf, Workspace } from '../../src/harness/serve/workspace.js';
import { PluginService } from '../../src/harness/serve/plugins.js';

const entries = (...paths: string[]): DataFile[] => paths.map((path) => ({ path, kind: kindOf(path) }));

/** The repository's layout as `luoshi serve policies examples` shows it. */
const REPO = entries(
  'policies/ningbo-2018.plan',
  'policies/chengde-2018.plan',
  'policies/xuzhou-2017.plan',
  'policies/luoshi.config.yaml',
  'examples/data/ningbo-2018.ndjson',
  'examples/data/ningbo-2018-dirty.ndjson',
  'examples/data/progress-ningbo-2018.ndjson',
  'examples/data/staffing-2018.ndjson',
  'examples/data/chengde-2018.ndjson',
  'examples/data/fujin-2011.ndjson',
  'examples/ci/luoshi-plans.yml',
  'examples/plugins/fujin-kpi/kpi.plan',
  'examples/plugins/fujin-kpi/plugin.json',
);

const POLICIES: DataConfig = {
  file: 'policies/luoshi.config.yaml',
  scope: 'policies',
  data: [
    {
      plans: ['policies/ningbo-2018.plan'],
      cases: ['examples/data/ningbo-2018.ndjson'],
      progress: ['examples/data/progress-ningbo-2018.ndjson'],
      staffing: ['examples/data/staffing-2018.ndjson'],
    },
    { plans: ['policies/chengde-*.plan'], cases: ['examples/data/chengde-*.ndjson'], progress: [], staffing: [] },
  ],
};

describe('the workbench picks data for a plan', () => {
  it('uses the configured data: ningbo-2018-dirty.ndjson does not replace ningbo-2018 by its name', () => {
    expect(pickData('policies/ningbo-2018.plan', REPO, [POLICIES], null)).toEqual({
      origin: 'configured',
      selection: {
        cases: ['examples/data/ningbo-2018.ndjson'],
        progress: ['examples/data/progress-ningbo-2018.ndjson'],
        staffing: ['examples/data/staffing-2018.ndjson'],
      },
    });
    expect(configuredData('policies/chengde-2018.plan', [POLICIES], REPO)).toEqual({
      cases: ['examples/data/chengde-2018.ndjson'],
      progress: [],
      staffing: [],
    });
  });

  it("the server's database source comes before the configured data; the user's own choice before both", () => {
    expect(pickData('policies/ningbo-2018.plan', REPO, [POLICIES], null, true)).toEqual({
      origin: 'database',
      selection: { cases: [DATABASE_SELECTION], progress: [], staffing: [] },
    });
    const mine = { cases: ['examples/data/chengde-2018.ndjson'], progress: [], staffing: [] };
    expect(pickData('policies/ningbo-2018.plan', REPO, [POLICIES], mine, true)).toEqual({
      origin: 'chosen',
      selection: mine,
    });
  });

  it('without configuration it never guesses by name: a plan with no data beside it gets none', () => {
    expect(pickData('policies/ningbo-2018.plan', REPO, [], null)).toEqual({
      origin: 'none',
      selection: { cases: [], progress: [], staffing: [] },
    });
    expect(pickData('policies/xuzhou-2017.plan', REPO, [POLICIES], null).origin).toBe('none');
  });

  it('the one case file beside the plan is a guess (with a banner); two are no guess', () => {
    const files = entries(
      'fujin/kpi.plan',
      'fujin/fujin-2011.ndjson',
      'fujin/progress-2011.ndjson',
      'fujin/luoshi.config.yaml',
      'fujin/ci/build.yml',
    );
    expect(pickData('fujin/kpi.plan', files, [], null)).toEqual({
      origin: 'guessed',
      selection: { cases: ['fujin/fujin-2011.ndjson'], progress: ['fujin/progress-2011.ndjson'], staffing: [] },
    });
    expect(guessData('fujin/kpi.plan', [...files, ...entries('fujin/fujin-2011-dirty.ndjson')])).toEqual({
      cases: [],
      progress: [],
      staffing: [],
    });
    expect(dataBanner('guessed')?.en).toBe(
      'guessed data (the one case file beside the plan): pick data, or name it in data: of luoshi.config.yaml',
    );
    expect(dataBanner('generated')?.zh).toBe('示例数据（生成的），不是本院数据：请选择数据');
    expect(dataBanner('configured')).toBeNull();
    expect(dataBanner('chosen')).toBeNull();
  });

  it("the user's choice wins over configuration", () => {
    const mine = { cases: ['examples/data/ningbo-2018-dirty.ndjson'], progress: [], staffing: [] };
    expect(pickData('policies/ningbo-2018.plan', REPO, [POLICIES], mine)).toEqual({
      origin: 'chosen',
      selection: mine,
    });
  });

  it('the deepest configuration governs; configuration and CI files are never picked, even by a wide glob', () => {
    const wide: DataConfig = {
      file: 'luoshi.config.yaml',
      scope: '',
      data: [{ plans: ['**/*.plan'], cases: ['**/*'], progress: [], staffing: [] }],
    };
    const deeper: DataConfig = {
      file: 'examples/plugins/fujin-kpi/luoshi.config.yaml',
      scope: 'examples/plugins/fujin-kpi',
    };
    expect(configuredData('examples/plugins/fujin-kpi/kpi.plan', [wide, deeper], REPO)).toBeNull();
    const got = configuredData('policies/xuzhou-2017.plan', [wide], REPO)!;
    expect(got.cases).toEqual([
      'examples/data/ningbo-2018.ndjson',
      'examples/data/ningbo-2018-dirty.ndjson',
      'examples/data/chengde-2018.ndjson',
      'examples/data/fujin-2011.ndjson',
    ]);
  });
});

describe('the server hands data rules over as workspace paths', () => {
  it('re-roots patterns relative to the configuration, across served folders; what lies outside is dropped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-datarules-'));
    try {
      mkdirSync(join(dir, 'policies'));
      mkdirSync(join(dir, 'examples', 'data'), { recursive: true });
      writeFileSync(join(dir, 'policies', 'ningbo-2018.plan'), '');
      writeFileSync(join(dir, 'examples', 'data', 'ningbo-2018.ndjson'), '');
      writeFileSync(
        join(dir, 'policies', 'luoshi.config.yaml'),
        'data:\n  - plans: ningbo-2018.plan\n    cases: ../examples/data/ningbo-2018.ndjson\n    staffing: [../examples/data/staffing-*.ndjson, ../../elsewhere/x.ndjson]\n',
      );
      const two = new PluginService(new Workspace([join(dir, 'policies'), join(dir, 'examples')])).payload();
      expect(two.configs.map((c) => [c.scope, c.data])).toEqual([
        [
          'policies',
          [
            {
              plans: ['policies/ningbo-2018.plan'],
              cases: ['examples/data/ningbo-2018.ndjson'],
              progress: [],
              staffing: ['examples/data/staffing-*.ndjson'],
            },
          ],
        ],
      ]);
      const one = new PluginService(new Workspace([dir])).payload();
      expect(one.configs[0]!.data![0]!.cases).toEqual(['examples/data/ningbo-2018.ndjson']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
