// Exit codes a CI gate can trust, the rejection budget, and the data sources in every report — through
// the `luoshi` command (check, replay, explain).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/harness/cli.js';
import { validateReport } from '../../src/engine/report/validate.js';
import { captureIO, sampleCase, tempDir, writeTemp } from '../data/helpers.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import type { PlanReport } from '../../src/engine/report/model.js';

const PLAN = `方案 县域 {
  期间 2018-01-01 至 2018-12-31
  法院 海曙法院, 象山法院
  使用 std
}
法院 海曙法院 = "宁波市海曙区人民法院" 基层
法院 象山法院 = "象山县人民法院" 基层
目标 结案达标 : 结案率 >= 10% 每个法院 截至 2018-12-31
`;

function ndjson(records: CaseRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join('\n') + '\n';
}
const cases = (n: number, court: string, from = 0): CaseRecord[] =>
  Array.from({ length: n }, (_, k) => sampleCase({ id: `(2018)浙执${from + k + 1}号`, court }));

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(cwd);
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

function workspace(files: Record<string, string>): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'data'));
  writeTemp(dir, 'p.plan', PLAN);
  for (const [name, text] of Object.entries(files)) writeTemp(dir, name, text);
  return dir;
}

describe('exit 2: the data cannot be used', () => {
  it('every record rejected', async () => {
    const dir = workspace({ 'bad.ndjson': '{"id": 1}\n{"court": "x"}\nnot json\n' });
    const r = await run(['check', 'p.plan', '--data', 'bad.ndjson', '--no-config', '--workers', '1'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有接受任何案件记录（读取 3 条，全部拒收；退出码 2）');
    expect(r.out).toBe('');
  });

  it('a data file that cannot be read (not JSON at all), or of which no record is accepted', async () => {
    const dir = workspace({
      'ok.ndjson': ndjson(cases(2, '象山县人民法院')),
      'broken.json': '{"id": "(2018)浙执9号", "court": ',
      'list.json': '{"a": 1}',
    });
    const r = await run(
      [
        'check',
        'p.plan',
        '--data',
        'ok.ndjson',
        '--data',
        'broken.json',
        '--no-config',
        '--lang',
        'en',
        '--workers',
        '1',
      ],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('every record of the data file(s) was rejected: broken.json (1) (exit 2)');
    expect(r.out).toBe('');
    const notList = await run(
      ['check', 'p.plan', '--data', 'ok.ndjson', '--data', 'list.json', '--no-config', '--workers', '1'],
      dir,
    );
    expect(notList.code).toBe(2);
    expect(notList.err).toMatch(/(无法读取数据文件：list\.json|数据文件的记录全部拒收：list\.json)/);
  });

  it('luoshi test: a data set none of whose records is accepted stops the run', async () => {
    const dir = workspace({
      'bad.ndjson': '{"id": 1}\n',
      'p.test.yaml':
        'plan: p.plan\ndata:\n  坏: bad.ndjson\ntests:\n  - { name: 受理, data: 坏, indicator: 受理数, equals: 0 }\n',
    });
    const r = await run(['test', 'p.test.yaml', '--no-config'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      '数据集 坏：没有接受任何案件记录（读取 1 条，全部拒收；退出码 2） / data set 坏: no case record was accepted (1 read, all rejected; exit 2)',
    );
  });

  it('replay and explain too', async () => {
    const dir = workspace({ 'bad.ndjson': '{"id": 1}\n' });
    expect((await run(['replay', 'p.plan', '--data', 'bad.ndjson', '--no-config', '--workers', '1'], dir)).code).toBe(
      2,
    );
    const e = await run(['explain', 'p.plan', '--data', 'bad.ndjson', '--indicator', '结案率'], dir);
    expect(e.code).toBe(2);
    expect(e.err).toContain('没有接受任何案件记录');
  });
});

describe('the rejection budget', () => {
  const good = ndjson([...cases(99, '象山县人民法院')]);
  const oneBad = good + '{"id": "(2018)浙执999号"}\n';

  it('default 0: one rejected record fails the run with a clear line; a budget lets it pass', async () => {
    const dir = workspace({ 'd.ndjson': oneBad });
    const strict = await run(
      ['check', 'p.plan', '--data', 'd.ndjson', '--no-config', '--workers', '1', '--quiet'],
      dir,
    );
    expect(strict.code).toBe(1);
    expect(strict.err).toContain(
      '数据未通过拒收预算：1 条记录未计入 (1.00%)（拒收 1，法院不在本方案中 0），超过 --max-rejected 0',
    );
    expect(
      (
        await run(
          ['check', 'p.plan', '--data', 'd.ndjson', '--no-config', '--workers', '1', '--max-rejected', '1'],
          dir,
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await run(
          ['check', 'p.plan', '--data', 'd.ndjson', '--no-config', '--workers', '1', '--max-rejected', '1%'],
          dir,
        )
      ).code,
    ).toBe(0);
    const over = await run(
      [
        'check',
        'p.plan',
        '--data',
        'd.ndjson',
        '--no-config',
        '--workers',
        '1',
        '--max-rejected',
        '0.5%',
        '--lang',
        'en',
      ],
      dir,
    );
    expect(over.code).toBe(1);
    expect(over.err).toContain(
      'the data is over the rejection budget: 1 records left out (1.00%) (1 rejected, 0 of courts not in the plan), more than --max-rejected 0.5%',
    );
  });

  it('cases of courts the plan does not name count toward it; luoshi.config.yaml sets it and the aliases', async () => {
    const data = ndjson([...cases(90, '象山县人民法院'), ...cases(10, '象山县法院', 100)]);
    const dir = workspace({ 'd.ndjson': data });
    const r = await run(['check', 'p.plan', '--data', 'd.ndjson', '--no-config', '--workers', '1', '--quiet'], dir);
    expect(r.code).toBe(1);
    // In the text report itself; beside a machine format, on stderr.
    expect(r.out).toContain(
      '\n警告: 10 件案件的法院“象山县法院”不在本方案的法院中，是否指“象山县人民法院”？这些案件未计入任何数字。\n',
    );
    const json = await run(
      ['check', 'p.plan', '--data', 'd.ndjson', '--no-config', '--workers', '1', '--format', 'json'],
      dir,
    );
    expect(json.err).toContain(
      '警告: 10 件案件的法院“象山县法院”不在本方案的法院中，是否指“象山县人民法院”？这些案件未计入任何数字。\n',
    );
    expect(r.err).toContain('（拒收 0，法院不在本方案中 10）');
    writeTemp(dir, 'luoshi.config.yaml', 'maxRejected: 10%\n');
    expect((await run(['check', 'p.plan', '--data', 'd.ndjson', '--workers', '1'], dir)).code).toBe(0);
    writeTemp(dir, 'luoshi.config.yaml', 'courts:\n  aliases: { 象山县法院: 象山法院 }\n');
    const aliased = await run(['check', 'p.plan', '--data', 'd.ndjson', '--workers', '1', '--format', 'json'], dir);
    expect(aliased.code).toBe(0);
    const rep = JSON.parse(aliased.out) as PlanReport;
    expect(rep.courtIdentity!.renamed).toEqual([{ from: '象山县法院', to: '象山县人民法院', cases: 10 }]);
    expect(rep.indicators.find((i) => i.name === '受理数')!.courts.象山县人民法院!.value).toBe(100);
  });

  it('an alias to a court the plan does not declare: exit 2, the reason', async () => {
    const dir = workspace({
      'd.ndjson': ndjson(cases(2, '象山县人民法院')),
      'luoshi.config.yaml': 'courts:\n  aliases: { 象山县法院: 象山法庭 }\n',
    });
    const r = await run(['check', 'p.plan', '--data', 'd.ndjson', '--workers', '1'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('法院别名“象山县法院”指向的“象山法庭”不是本方案声明的法院');
  });

  it('a budget that is not a number or a percentage is a usage error', async () => {
    const dir = workspace({ 'd.ndjson': good });
    const r = await run(['check', 'p.plan', '--data', 'd.ndjson', '--no-config', '--max-rejected', 'some'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--max-rejected 应为非负整数或百分比');
  });
});

describe('data sources in every report', () => {
  const dir = workspace({
    'a.ndjson': ndjson(cases(3, '象山县人民法院')),
    'b.ndjson': ndjson(cases(2, '宁波市海曙区人民法院', 50)) + '{"id": "x"}\n',
  });
  const args = [
    'check',
    'p.plan',
    '--data',
    'a.ndjson',
    '--data',
    'b.ndjson',
    '--no-config',
    '--workers',
    '1',
    '--max-rejected',
    '1',
  ];

  it('text', async () => {
    const r = await run(args, dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '  a.ndjson（案件，ndjson）：读取 3，接受 3，拒收 0\n  b.ndjson（案件，ndjson）：读取 3，接受 2，拒收 1\n',
    );
  });

  it('JSON (valid against the report schema)', async () => {
    const r = await run([...args, '--format', 'json'], dir);
    const rep = JSON.parse(r.out) as PlanReport;
    expect(rep.data.sources).toEqual([
      { file: 'a.ndjson', kind: 'cases', format: 'ndjson', read: 3, accepted: 3, rejected: 0 },
      { file: 'b.ndjson', kind: 'cases', format: 'ndjson', read: 3, accepted: 2, rejected: 1 },
    ]);
    expect(validateReport(rep)).toEqual({ ok: true });
  });

  it('Markdown', async () => {
    const r = await run([...args, '--format', 'md', '--lang', 'en'], dir);
    expect(r.out).toContain(
      '## Data sources\n\n| file | kind | format | read | accepted | rejected |\n|---|---|---|---:|---:|---:|\n| a.ndjson | cases | ndjson | 3 | 3 | 0 |\n| b.ndjson | cases | ndjson | 3 | 2 | 1 |\n',
    );
  });

  it('JUnit', async () => {
    const r = await run([...args, '--format', 'junit'], dir);
    expect(r.out).toContain(
      '<property name="data.cases:a.ndjson" value="read=3 accepted=3 rejected=0 format=ndjson"/>',
    );
    expect(r.out).toContain(
      '<property name="data.cases:b.ndjson" value="read=3 accepted=2 rejected=1 format=ndjson"/>',
    );
  });

  it('the HTML replay', async () => {
    const r = await run(
      [
        'replay',
        'p.plan',
        '--data',
        'a.ndjson',
        '--data',
        'b.ndjson',
        '--no-config',
        '--workers',
        '1',
        '--max-rejected',
        '1',
        '--format',
        'html',
        '--step',
        'month',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('<tr><td>b.ndjson</td><td>案件</td><td>ndjson</td><td>3</td><td>2</td><td>1</td></tr>');
  });

  it('unmatched courts in JUnit properties and Markdown', async () => {
    const d2 = workspace({ 'c.ndjson': ndjson([...cases(3, '象山县人民法院'), ...cases(2, '象山县法院', 9)]) });
    const j = await run(
      ['check', 'p.plan', '--data', 'c.ndjson', '--no-config', '--workers', '1', '--format', 'junit'],
      d2,
    );
    expect(j.code).toBe(1);
    expect(j.out).toContain(
      '<property name="courts.unmatched:象山县法院" value="cases=2 suggestion=象山县人民法院 excluded"/>',
    );
    const m = await run(
      ['check', 'p.plan', '--data', 'c.ndjson', '--no-config', '--workers', '1', '--format', 'md'],
      d2,
    );
    expect(m.out).toContain(
      '- 警告: 2 件案件的法院“象山县法院”不在本方案的法院中，是否指“象山县人民法院”？这些案件未计入任何数字。',
    );
  });
});

describe('explain names handlers and teams within their court', () => {
  it('a bare handler name in two courts asks for the court; "court · name" picks one', async () => {
    const dir = workspace({
      'd.ndjson': ndjson([...cases(2, '象山县人民法院'), ...cases(3, '宁波市海曙区人民法院', 10)]),
    });
    const amb = await run(
      ['explain', 'p.plan', '--data', 'd.ndjson', '--indicator', '受理数', '--part', 'numerator', '--handler', '张三'],
      dir,
    );
    expect(amb.code).toBe(2);
    expect(amb.err).toContain(
      '"张三" is in several courts; name the court: 宁波市海曙区人民法院 · 张三, 象山县人民法院 · 张三',
    );
    const one = await run(
      [
        'explain',
        'p.plan',
        '--data',
        'd.ndjson',
        '--indicator',
        '受理数',
        '--part',
        'numerator',
        '--handler',
        '象山县人民法院 · 张三',
        '--format',
        'json',
      ],
      dir,
    );
    expect(one.code).toBe(0);
    expect(JSON.parse(one.out).total).toBe(2);
    const court = await run(
      [
        'explain',
        'p.plan',
        '--data',
        'd.ndjson',
        '--indicator',
        '受理数',
        '--part',
        'numerator',
        '--court',
        '海曙法院',
        '--format',
        'json',
      ],
      dir,
    );
    expect(JSON.parse(court.out).total).toBe(3);
  });
});

describe('explain evaluates the functions the plan calls', () => {
  it('takes the built-in 工作日数 that check accepts (it refused it: no plugin session)', async () => {
    const dir = workspace({
      'w.plan': PLAN + '指标 次日通知率 (%) = 计数(受理 其中 工作日数(立案日期, 首次(执行通知)) <= 1) / 计数(受理)\n',
      'd.ndjson': ndjson([
        ...cases(2, '象山县人民法院'),
        sampleCase({
          id: '(2018)浙执9号',
          court: '象山县人民法院',
          events: [{ type: '执行通知', date: '2018-03-09' }],
        }),
      ]),
    });
    expect((await run(['check', 'w.plan'], dir)).code).toBe(0);
    const numerator = await run(
      [
        'explain',
        'w.plan',
        '--data',
        'd.ndjson',
        '--indicator',
        '次日通知率',
        '--part',
        'numerator',
        '--format',
        'json',
      ],
      dir,
    );
    expect(numerator.err).not.toContain('工作日数');
    expect(numerator.code).toBe(0);
    expect(JSON.parse(numerator.out)).toEqual({
      indicator: '次日通知率',
      part: 'numerator',
      total: 2,
      ids: ['(2018)浙执1号', '(2018)浙执2号'],
    });
    const missing = await run(['explain', 'w.plan', '--data', 'd.ndjson', '--indicator', '次日通知率'], dir);
    expect(missing.out).toBe('次日通知率 在分母而不在分子: 1 件\n  (2018)浙执9号\n');
    // std's other name of 结案率 (又称 执结率) names it too.
    const alias = await run(
      ['explain', 'w.plan', '--data', 'd.ndjson', '--indicator', '执结率', '--part', 'denominator', '--format', 'json'],
      dir,
    );
    expect(JSON.parse(alias.out)).toMatchObject({ indicator: '结案率', part: 'denominator', total: 3 });
  });
});
