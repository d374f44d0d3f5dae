// A title that states a number its threshold no longer has: `目标 终本合格 "…超过90%" : 终本合格率 > 85%`
// after an edit of the value. Numbers in the title with the threshold's unit (%, ‰, 件, 日 …) must be one
// of the target's values (a stage's value or stretch); one that is none of them is stale. The fix puts the
// value in force in its place when the target has a single stage.
import type * as A from '../../syntax/ast.js';
import type { Fix } from '../../diagnostics/diagnostic.js';
import { numberText } from '../units.js';
import type { Pass } from './pass.js';

export interface StaleNumber {
  /** Offsets of the stale number (with its unit) in the file. */
  range: [number, number];
  /** As written in the title, e.g. `90%`. */
  text: string;
  /** The target's values as written, e.g. `85%` or `70%、80%`. */
  values: string;
  fix: Fix | null;
}

const UNIT_CLASS: Record<string, string> = {
  '%': '%',
  '％': '%',
  '‰': '‰',
  件: '件',
  日: '日',
  天: '日',
  人: '人',
  次: '次',
  人次: '人次',
  元: '元',
  万元: '万元',
  亿元: '亿元',
};
// Longest units first, so 万元 is not read as 元. A duration followed by 内/以内/后 (3日内, 立案后15日后) names
// a time limit of the measure, not its threshold.
const NUMBER_WITH_UNIT = /(\d+(?:\.\d+)?)\s*(万元|亿元|%|％|‰|件|日(?!以?内|后)|天(?!以?内|后)|人|次|元)/gu;

const key = (value: number, unit: string): string => `${value}|${UNIT_CLASS[unit] ?? unit}`;

/** The numbers of `title` that are none of the target's values (empty when the title agrees or has none). */
export function staleTitleNumbers(title: A.StringLit, spec: A.TargetSpec, source: string): StaleNumber[] {
  const values: A.NumberLit[] = [];
  for (const st of spec.stages) {
    values.push(st.value);
    for (const m of st.modifiers) if (m.kind === 'Stretch') values.push(m.value);
  }
  const units = new Set(values.map((v) => UNIT_CLASS[v.unit?.text ?? ''] ?? ''));
  const known = new Set(values.map((v) => key(Number(v.digits), v.unit?.text ?? '')));
  // The title's text starts after its opening quote; offsets are exact only where the source holds the
  // value verbatim (no escapes), and only then is a fix offered.
  const start = title.range[0] + 1;
  const verbatim = source.slice(start, title.range[1] - 1) === title.value;
  const stale: StaleNumber[] = [];
  for (const m of title.value.matchAll(NUMBER_WITH_UNIT)) {
    const unit = UNIT_CLASS[m[2]!]!;
    if (!units.has(unit) || known.has(key(Number(m[1]), m[2]!))) continue;
    const at = start + m.index;
    const main = spec.stages.length === 1 ? numberText(spec.stages[0]!.value) : null;
    stale.push({
      range: [at, at + m[0].length],
      text: m[0],
      values: spec.stages.map((st) => numberText(st.value)).join('、'),
      fix:
        verbatim && main !== null
          ? {
              title: `把标题中的 ${m[0]} 改为 ${main}`,
              titleEn: `change ${m[0]} in the title to ${main}`,
              edits: [{ range: [at, at + m[0].length], text: main }],
            }
          : null,
    });
  }
  return stale;
}

/** W0308: a target's title states a number none of its values has. */
export const staleTitle: Pass = {
  name: 'stale-title',
  codes: ['W0308'],
  run({ facts, at }) {
    for (const t of facts.targets) {
      if (!t.title) continue;
      const report = at(t.file);
      for (const n of staleTitleNumbers(t.title, t.spec, t.file.lines.text))
        report('W0308', { range: n.range }, { text: n.text, values: n.values }, n.fix ?? undefined);
    }
  },
};
