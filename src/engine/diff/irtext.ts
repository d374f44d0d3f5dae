// IR expressions back to the plan language's words (Chinese keywords), so a changed definition can be
// shown as it reads, not as JSON. Inlined sets and fields appear expanded — that is what the IR holds.
import type { Duration, IRExpr, IRSet } from '../ir/types.js';
import { CASE_FIELDS, EVENT_FIELDS } from '../domain/vocabulary.js';
import { formatDay } from '../time/calendar.js';

const CASE_ZH = new Map(CASE_FIELDS.map((f) => [f.name, f.zh]));
const EVENT_ZH = new Map(EVENT_FIELDS.map((f) => [f.name, f.zh]));
const WINDOW_ZH = { start: '窗口起', end: '窗口止', asOf: '截至日' } as const;

function duration(d: Duration): string {
  const parts = [
    d.months ? `${d.months}个月` : '',
    d.days ? `${d.days}日` : '',
    d.workdays ? `${d.workdays}个工作日` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' + ') : '0日';
}

function literal(e: Extract<IRExpr, { op: 'lit' }>): string {
  if (e.value === null) return '空';
  if (e.type === 'date' && typeof e.value === 'number') return formatDay(e.value);
  if (typeof e.value === 'boolean') return e.value ? '真' : '假';
  if (typeof e.value === 'number') return String(Math.round(e.value * 1e9) / 1e9);
  return String(e.value);
}

const paren = (s: string, when: boolean): string => (when ? `(${s})` : s);

export function setText(s: IRSet): string {
  const head = s.domain === 'case' ? '案件' : s.domain === 'event' ? `事件 ${s.types.join('、')}` : '人员配置';
  return s.where.length ? `${head} 其中 ${s.where.map((w) => paren(irText(w), w.op === 'or')).join(' 且 ')}` : head;
}

export function irText(e: IRExpr): string {
  switch (e.op) {
    case 'lit':
      return literal(e);
    case 'duration':
      return duration(e.value);
    case 'field':
      return e.name === 'courtLevel' ? '层级' : (CASE_ZH.get(e.name) ?? e.name);
    case 'eventField':
      return EVENT_ZH.get(e.name) ?? e.name;
    case 'staffingField':
      return e.name;
    case 'window':
      return WINDOW_ZH[e.which];
    case 'cmp':
      return `${irText(e.left)} ${e.cmp} ${irText(e.right)}`;
    case 'and':
      return e.args.map((a) => paren(irText(a), a.op === 'or')).join(' 且 ');
    case 'or':
      return e.args.map((a) => paren(irText(a), a.op === 'and')).join(' 或 ');
    case 'not':
      return `非 (${irText(e.arg)})`;
    case 'arith': {
      const side = (x: IRExpr, right: boolean): string =>
        paren(
          irText(x),
          x.op === 'arith' && (right || ((e.arith === '*' || e.arith === '/') && (x.arith === '+' || x.arith === '-'))),
        );
      return `${side(e.left, false)} ${e.arith} ${side(e.right, true)}`;
    }
    case 'neg':
      return `-${paren(irText(e.arg), e.arg.op === 'arith')}`;
    case 'inWindow':
      return `${irText(e.subject)} 在 窗口`;
    case 'inRange':
      return `${irText(e.subject)} 在 ${irText(e.from)} 至 ${irText(e.to)}`;
    case 'oneOf':
      return `${irText(e.subject)} 属于 (${e.options.map(irText).join(', ')})`;
    case 'isNull':
      return `${irText(e.subject)} ${e.negated ? '不为空' : '为空'}`;
    case 'contains':
      return `${irText(e.subject)} 包含 ${irText(e.item)}`;
    case 'has':
      return `${e.negated ? '无' : '有'} ${e.types.join('、')}${e.where ? ` 其中 ${paren(irText(e.where), true)}` : ''}`;
    case 'eventCount':
      return `事件数(${e.types.join('、')}${e.where ? ` 其中 ${irText(e.where)}` : ''})`;
    case 'first':
      return `首次(${e.type})`;
    case 'followedBy':
      return `之后有 ${e.types.join('、')}${e.within ? ` 在 ${duration(e.within)} 内` : ''}`;
    case 'passes':
      return `符合 ${e.rule}`;
    case 'call':
      return `${e.fn}(${e.args.map(irText).join(', ')})`;
    case 'count':
      return `计数(${setText(e.set)})`;
    case 'sum':
      return `求和(${setText(e.set)}, ${irText(e.value)})`;
    case 'mean':
      return `平均(${setText(e.set)}, ${irText(e.value)})`;
  }
}
