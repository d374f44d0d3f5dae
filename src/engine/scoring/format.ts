// The canonical layout of a scoring scheme (考核), for the formatter (syntax/format.ts): the header on one
// line, one group or item per line, nested groups one level in. Keywords keep the author's spelling, numbers
// and points are printed as written.
import type * as A from '../syntax/ast.js';

/** What the formatter's printer lends this part: tokens printed at their source offsets. */
export interface SchemePrinter {
  /** The n-th keyword word in [from, to) (default the first), as the author spelled it. */
  kw(from: number, to: number, n?: number): void;
  /** A keyword of several words (`each court`) in [from, to). */
  kwWords(from: number, to: number): void;
  /** A node exactly as written. */
  lit(n: { range: A.Range }): void;
  colon(from: number, to: number): void;
  /** The comparison operator in [from, to). */
  op(from: number, to: number): void;
  block<E extends { range: A.Range; kind: string }>(b: A.Block<E>, indent: number, print: (e: E) => void): void;
  note(n: A.Note): void;
}

const INDENT = 2;

export function printScheme(s: A.Scheme, p: SchemePrinter): void {
  p.kw(s.range[0], s.name.range[0]);
  p.lit(s.name);
  let last: { range: A.Range } = s.name;
  if (s.title) {
    p.lit(s.title);
    last = s.title;
  }
  if (s.total) {
    p.lit(s.total);
    last = s.total;
  }
  if (s.scope) p.kwWords(last.range[1], s.entries.range[0]);
  p.block(s.entries, 0, (e) => entry(e, p, 0));
}

function entry(e: A.SchemeEntry, p: SchemePrinter, indent: number): void {
  switch (e.kind) {
    case 'Note':
      p.note(e);
      return;
    case 'Decimals':
      p.kw(e.range[0], e.count.range[0]);
      p.lit(e.count);
      return;
    case 'ScoreGroup': {
      const head = e.name ?? e.title ?? e.points;
      p.kw(e.range[0], head.range[0]);
      if (e.name) p.lit(e.name);
      if (e.title) p.lit(e.title);
      p.lit(e.points);
      p.block(e.entries, indent + INDENT, (x) => entry(x, p, indent + INDENT));
      return;
    }
    case 'ScoreItem': {
      p.kw(e.range[0], e.name.range[0]);
      p.lit(e.name);
      if (e.title) p.lit(e.title);
      p.lit(e.points);
      p.colon(e.points.range[1], e.rule.range[0]);
      rule(e.rule, p);
      return;
    }
  }
}

function rule(r: A.ScoreRule, p: SchemePrinter): void {
  const [start, end] = r.range;
  switch (r.kind) {
    case 'ThresholdScore':
      p.lit(r.indicator);
      p.op(r.indicator.range[1], r.value.range[0]);
      p.lit(r.value);
      p.kw(r.value.range[1], end);
      if (r.otherwise) {
        p.kw(r.value.range[1], r.otherwise.range[0], 1);
        p.lit(r.otherwise);
      }
      return;
    case 'TargetScore':
      p.kw(start, r.target.range[0]);
      p.lit(r.target);
      p.kw(r.target.range[1], end);
      if (r.otherwise) {
        p.kw(r.target.range[1], r.otherwise.range[0], 1);
        p.lit(r.otherwise);
      }
      return;
    case 'LinearScore':
      p.kw(start, r.indicator.range[0]);
      p.lit(r.indicator);
      p.kw(r.indicator.range[1], r.low.range[0]);
      p.lit(r.low);
      p.kw(r.low.range[1], r.high.range[0]);
      p.lit(r.high);
      if (r.lowerBetter) p.kw(r.high.range[1], end);
      return;
    case 'PerUnitScore': {
      p.kw(start, r.source.range[0]);
      const s = r.source;
      if (s.kind === 'LateSource') {
        p.kw(s.range[0], s.task.range[0]);
        p.lit(s.task);
        if (s.milestone) {
          p.kw(s.task.range[1], s.milestone.range[0]);
          p.lit(s.milestone);
        }
      } else {
        p.lit(s.indicator);
        if (s.relation) {
          p.kw(s.indicator.range[1], s.relation.value.range[0]);
          p.lit(s.relation.value);
        }
      }
      p.kw(s.range[1], r.per.range[0]);
      p.lit(r.per);
      p.lit(r.points);
      for (const l of r.limits) {
        p.kw(l.range[0], l.points.range[0]);
        p.lit(l.points);
      }
      return;
    }
  }
}
