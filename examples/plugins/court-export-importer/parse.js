// @ts-check
// The court case-system export: a CSV in GBK with the system's own column names, money in 万元, dates
// as 2018/3/5 (or 2018-03-05, 2018年3月5日, 20180305), one row per case and the dates of a few
// enforcement steps as columns. Rows become case records (domain §1); the loader validates them.

/** The system's columns → what they become. */
export const COLUMNS = {
  案件字号: 'id', 经办法院: 'court', 案件类别: 'type', 收案日期: 'filed', 结案日期: 'closed', 结案方式: 'closure',
  '申请执行标的金额（万元）': 'claimed', '执行到位金额（万元）': 'recovered', 有无可供执行财产: 'property',
  承办人: 'handler', 执行团队: 'team',
  移交执行日期: 'event:接收案卷', 执行通知书发出日期: 'event:执行通知', 网络查控日期: 'event:总对总查控',
  限制消费令日期: 'event:限制消费', 纳入失信名单日期: 'event:纳入失信',
};
const REQUIRED = ['案件字号', '经办法院', '收案日期'];
const TYPES = { 首次执行: '首执', 首执: '首执', 恢复执行: '恢复执行', 财产保全执行: '执行保全', 执行保全: '执行保全' };
const CLOSURES = { 终本: '终结本次执行程序' };

/** Decodes the file: UTF-8 when it has a BOM or is valid UTF-8 (unless told), else GBK. */
export function decodeExport(/** @type {Uint8Array} */ bytes, /** @type {string} */ encoding, /** @type {(b: Uint8Array, e: string) => string} */ decode) {
  if (encoding === 'gbk') return { text: decode(bytes, 'gbk'), encoding: 'gbk' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding === 'utf-8' || bom) return { text: decode(bom ? bytes.subarray(3) : bytes, 'utf-8'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decode(bytes, 'gbk'), encoding: 'gbk' };
  }
}

/**
 * CSV rows with the line each starts on (RFC 4180: quotes, "" inside quotes, CRLF or LF).
 * @param {string} text @returns {Array<{ line: number, cells: string[] }>}
 */
export function csvRows(text) {
  const rows = [];
  let cells = [], cell = '', quoted = false, line = 1, start = 1, any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else { if (c === '\n') line++; cell += c; }
      continue;
    }
    if (c === '"') { quoted = true; any = true; } else if (c === ',') { cells.push(cell); cell = ''; any = true; } else if (c === '\r') { /* CRLF */ } else if (c === '\n') {
      cells.push(cell);
      if (any || cell !== '') rows.push({ line: start, cells });
      cells = []; cell = ''; any = false; line++; start = line;
    } else { cell += c; any = true; }
  }
  if (any || cell !== '') { cells.push(cell); rows.push({ line: start, cells }); }
  return rows;
}

/** '2018/3/5', '2018-03-05', '2018年3月5日', '20180305' → '2018-03-05'; anything else unchanged (the loader reports it). */
export function isoDate(/** @type {string} */ s) {
  const t = s.trim();
  const m = /^(\d{4})[/.\-年](\d{1,2})[/.\-月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return t;
  const [, y = '', mo = '', d = ''] = m;
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** '12.5' (万元) → 125000 (yuan); '' → undefined; not a number → the text (the loader reports it). */
function yuan(/** @type {string} */ s) {
  const t = s.trim().replace(/,/g, '');
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? Math.round(n * 1e6) / 100 : t;
}

/** @typedef {import('../../../src/engine/plugins/api.js').ImportItem} ImportItem */

/**
 * The export's rows as import items: records, or a file problem when the header lacks a column.
 * @param {string} text @returns {ImportItem[]}
 */
export function parseExport(text) {
  const rows = csvRows(text);
  const first = rows[0];
  if (!first) return [];
  const header = first.cells.map((h) => h.trim());
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (missing.length) {
    return [{ kind: 'file', line: first.line, severity: 'error', code: 'CE001', message: `导出表缺少列：${missing.join('、')}`, messageEn: `the export lacks the column(s) ${missing.join(', ')}` }];
  }
  /** @type {ImportItem[]} */
  const out = [];
  const unknown = header.filter((h) => h !== '' && !(h in COLUMNS));
  if (unknown.length) out.push({ kind: 'file', line: first.line, severity: 'warning', code: 'CE002', message: `未识别的列已忽略：${unknown.join('、')}`, messageEn: `columns ignored: ${unknown.join(', ')}` });
  for (const { line, cells } of rows.slice(1)) {
    if (cells.length !== header.length) {
      out.push({ kind: 'reject', line, code: 'CE003', message: `此行有 ${cells.length} 列，表头有 ${header.length} 列`, messageEn: `this row has ${cells.length} cells, the header ${header.length}` });
      continue;
    }
    /** @type {Record<string, unknown>} */
    const rec = { events: [] };
    const events = /** @type {Array<{ type: string, date: string }>} */ (rec.events);
    header.forEach((h, k) => {
      const to = /** @type {Record<string, string>} */ (COLUMNS)[h];
      const v = (cells[k] ?? '').trim();
      if (!to || v === '') return;
      if (to.startsWith('event:')) { events.push({ type: to.slice(6), date: isoDate(v) }); return; }
      switch (to) {
        case 'filed': case 'closed': rec[to] = isoDate(v); break;
        case 'claimed': case 'recovered': rec[to] = yuan(v); break;
        case 'type': rec.type = /** @type {Record<string, string>} */ (TYPES)[v] ?? v; break;
        case 'closure': rec.closure = /** @type {Record<string, string>} */ (CLOSURES)[v] ?? v; break;
        case 'property': rec.property = v === '有' ? true : v === '无' ? false : null; break;
        default: rec[to] = v;
      }
    });
    events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    out.push({ kind: 'record', line, value: rec });
  }
  return out;
}
