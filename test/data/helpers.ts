// Shared helpers of the data tests: temporary files and a captured CliIO.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { CliIO } from '../../src/harness/io.js';
import type { CaseRecord } from '../../src/engine/data/record.js';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'luoshi-data-'));
}

/** Writes a file (text as UTF-8, or GBK when asked) and returns its path. */
export function writeTemp(
  dir: string,
  name: string,
  content: string | Uint8Array,
  encoding: 'utf8' | 'gbk' = 'utf8',
): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' && encoding === 'gbk' ? iconv.encode(content, 'gbk') : content);
  return path;
}

export interface Captured extends CliIO {
  out: string[];
  err: string[];
}

export function captureIO(cwd: string = process.cwd()): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd, isTTY: false };
}

/** A small valid case; override fields as needed. */
export function sampleCase(over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: '(2018)浙0203执1号',
    court: '宁波市海曙区人民法院',
    type: '首执',
    filed: '2018-03-01',
    closed: '2018-07-02',
    closure: '终结本次执行程序',
    claimed: 12345.67,
    recovered: 0.29,
    property: false,
    handler: '张三',
    team: '执行一团队',
    tags: ['涉民生'],
    events: [
      { type: '执行通知', date: '2018-03-02' },
      { type: '总对总查控', date: '2018-03-02' },
      { type: '案款到账', date: '2018-05-01', amount: 0.29 },
      { type: '约谈', date: '2018-06-30', note: '申请人到庭' },
    ],
    ...over,
  };
}
