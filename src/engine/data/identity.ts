// Court identity: every case's court resolved to a court the plan declares — by full name, the plan's
// short name, or an alias (luoshi.config.yaml `courts.aliases`), with full-width forms and whitespace
// normalised — before anything is counted. Cases of courts the plan does not cover are counted per
// name, named with a did-you-mean, and left out of every figure (unless the configuration keeps them).
// Handlers and teams are identified within their court: 执行一团队 of two courts are two teams.
//
// The work is on dictionaries (one entry per distinct name); the per-case pass only remaps codes.
import type { PlanIR } from '../ir/types.js';
import { editDistance } from '../check/suggest.js';
import type { Lang } from '../lang.js';
import { NONE, subsetStore, type CaseStore } from './store.js';

/** Between a court and a handler's or team's name: "宁波市北仑区人民法院 · 执行一团队". */
export const WITHIN_COURT = ' · ';

export interface CourtOptions {
  /** Another name → a declared court (its full name or the plan's short name). */
  aliases?: Readonly<Record<string, string>>;
  /** 'include': cases of courts the plan does not name still count (in the overall figure, under
   *  their own name); default 'exclude'. */
  unmatched?: 'exclude' | 'include';
}

export interface UnmatchedCourt {
  /** The name as the data spells it. */
  name: string;
  cases: number;
  /** The plan's court it most likely means (full name), or null. */
  suggestion: string | null;
}

export interface CourtIdentity {
  /** The plan names the courts it covers (its 法院 clause): cases of other courts are unmatched. */
  bound: boolean;
  /** Full names of the covered courts (empty when not bound). */
  covered: string[];
  /** Names in the data that were read as a declared court's full name. */
  renamed: Array<{ from: string; to: string; cases: number }>;
  unmatched: UnmatchedCourt[];
  /** Cases left out of every figure (unmatched and not included). */
  excluded: number;
  /** Covered courts with no case in the data. */
  withoutCases: string[];
}

export class CourtIdentityError extends Error {}

/** The form names are compared in: NFKC (full-width → half-width), no whitespace. */
export function courtKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '');
}

/** Resolves a court name in the data to a declared court's full name, or null. */
export type CourtResolver = (name: string) => string | null;

export function courtResolver(ir: PlanIR, opts: CourtOptions = {}): CourtResolver {
  const byKey = new Map<string, string>();
  for (const c of ir.courts) {
    byKey.set(courtKey(c.fullName), c.fullName);
    if (!byKey.has(courtKey(c.name))) byKey.set(courtKey(c.name), c.fullName);
  }
  // The plan's own aliases (`别名`), then the configuration's.
  for (const c of ir.courts) for (const a of c.aliases) if (!byKey.has(courtKey(a))) byKey.set(courtKey(a), c.fullName);
  for (const [alias, target] of Object.entries(opts.aliases ?? {})) {
    const full = byKey.get(courtKey(target));
    if (full === undefined) {
      throw new CourtIdentityError(
        `法院别名“${alias}”指向的“${target}”不是本方案声明的法院 / the court alias "${alias}" names "${target}", which the plan does not declare`,
      );
    }
    byKey.set(courtKey(alias), full);
  }
  const memo = new Map<string, string | null>();
  return (name) => {
    let r = memo.get(name);
    if (r === undefined) {
      r = byKey.get(courtKey(name)) ?? null;
      memo.set(name, r);
    }
    return r;
  };
}

/** The full names of the courts the plan's 法院 clause names (empty: the plan names none). */
export function coveredCourts(ir: PlanIR): string[] {
  const out: string[] = [];
  for (const n of ir.plan.courts) {
    const c = ir.courts.find((x) => x.name === n);
    if (c && !out.includes(c.fullName)) out.push(c.fullName);
  }
  return out;
}

/** A court's core for a did-you-mean: no 人民法院/法院, no leading 省/市 prefix, no trailing 区/县/市. */
function core(name: string): string {
  let s = courtKey(name).replace(/(人民)?法院$/u, '');
  s = s.replace(/^.{2,}?[省市](?=.{2,})/u, '');
  return s.length > 1 ? s.replace(/[区县市]$/u, '') : s;
}

/** The covered court a name most likely means: the same core, else a close spelling. */
export function suggestCourt(
  name: string,
  covered: readonly string[],
  shortNames: ReadonlyMap<string, string> = new Map(),
): string | null {
  const want = core(name);
  if (want === '') return null;
  for (const c of covered) if (core(c) === want || core(shortNames.get(c) ?? '') === want) return c;
  let best: string | null = null,
    bestD = Infinity;
  for (const c of covered) {
    const d = editDistance(want, core(c));
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  // A slip of the pen in a longer name, not another county with one character in common (万州 / 鄞州).
  return best !== null && bestD <= Math.floor(Array.from(want).length / 3) ? best : null;
}

function qualified(court: string, name: string): string {
  return name.startsWith(court + WITHIN_COURT) ? name : court + WITHIN_COURT + name;
}

/**
 * Each store's last identification, with what it was computed from: evaluations and replays of one loaded
 * data set under the same courts (every step of `check --watch`, the server's requests, the pool's calls)
 * pass over its cases once, not each time. Stores are never changed in place, so the store and these inputs
 * decide the result.
 */
const identified = new WeakMap<CaseStore, { key: string; store: CaseStore; identity: CourtIdentity }>();

/** What an identification depends on besides the store: the plan's courts, its 法院 clause, the options. */
function identityKey(ir: PlanIR, opts: CourtOptions): string {
  return JSON.stringify([
    ir.courts.map((c) => [c.name, c.fullName, c.aliases]),
    ir.plan.courts,
    opts.aliases ?? null,
    opts.unmatched ?? null,
  ]);
}

/**
 * The store as the plan sees it: courts under their declared full names, cases of uncovered courts
 * left out (or kept under their own name with `unmatched: 'include'`), handlers and teams qualified by
 * their court. Idempotent: an identified store comes back unchanged in content. Computed once per store and
 * inputs (see `identified`); the identity comes back as a fresh copy each time.
 */
export function identifyCourts(
  ir: PlanIR,
  store: CaseStore,
  opts: CourtOptions = {},
): { store: CaseStore; identity: CourtIdentity } {
  const key = identityKey(ir, opts);
  let got = identified.get(store);
  if (got?.key !== key) {
    got = { key, ...identifyAnew(ir, store, opts) };
    identified.set(store, got);
  }
  return { store: got.store, identity: structuredClone(got.identity) };
}

function identifyAnew(ir: PlanIR, store: CaseStore, opts: CourtOptions): { store: CaseStore; identity: CourtIdentity } {
  const resolve = courtResolver(ir, opts);
  const covered = coveredCourts(ir);
  const bound = covered.length > 0;
  const coveredSet = new Set(covered);
  const shortNames = new Map(ir.courts.map((c) => [c.fullName, c.name]));

  const perCourt = new Uint32Array(store.courts.length);
  for (let i = 0; i < store.n; i++) perCourt[store.court[i]!]!++;

  // Old court code → new court code (-1: left out); the new dictionary in first-seen order.
  const courts: string[] = [];
  const codeOf = new Map<string, number>();
  const courtMap = new Int32Array(store.courts.length);
  const renamed: CourtIdentity['renamed'] = [];
  const unmatched = new Map<string, number>();
  const keep = !bound || opts.unmatched === 'include';
  store.courts.forEach((name, c) => {
    const full = resolve(name);
    const matched = full !== null && (!bound || coveredSet.has(full));
    if (!matched && bound && perCourt[c]! > 0) unmatched.set(name, (unmatched.get(name) ?? 0) + perCourt[c]!);
    if (!matched && !keep) {
      courtMap[c] = -1;
      return;
    }
    const target = matched ? full : name;
    if (target !== name && perCourt[c]! > 0) renamed.push({ from: name, to: target, cases: perCourt[c]! });
    let k = codeOf.get(target);
    if (k === undefined) {
      k = courts.length;
      courts.push(target);
      codeOf.set(target, k);
    }
    courtMap[c] = k;
  });

  let excluded = 0;
  let base = store;
  if (!keep) {
    for (let c = 0; c < courtMap.length; c++) if (courtMap[c] === -1) excluded += perCourt[c]!;
    if (excluded > 0) {
      const kept = new Uint32Array(store.n - excluded);
      let j = 0;
      for (let i = 0; i < store.n; i++) if (courtMap[store.court[i]!] !== -1) kept[j++] = i;
      base = subsetStore(store, kept);
    }
  }

  const n = base.n;
  const court = new Uint16Array(n);
  for (let i = 0; i < n; i++) court[i] = courtMap[base.court[i]!]!;
  const handlers = regroup(base.handlers, base.handler, court, courts, new Uint32Array(n));
  const teams = regroup(base.teams, base.team, court, courts, new Int32Array(n));

  // A covered court has cases when some old court with cases maps to it.
  const present = new Uint8Array(courts.length);
  for (let c = 0; c < courtMap.length; c++) if (courtMap[c]! >= 0 && perCourt[c]! > 0) present[courtMap[c]!] = 1;
  const withoutCases = covered.filter((c) => {
    const k = codeOf.get(c);
    return k === undefined || present[k] === 0;
  });

  const identity: CourtIdentity = {
    bound,
    covered,
    renamed: renamed.sort((a, b) => b.cases - a.cases || cmp(a.from, b.from)),
    unmatched: [...unmatched]
      .map(([name, cases]) => ({ name, cases, suggestion: suggestCourt(name, covered, shortNames) }))
      .sort((a, b) => b.cases - a.cases || cmp(a.name, b.name)),
    excluded,
    withoutCases,
  };
  return {
    store: {
      ...base,
      courts,
      court,
      handlers: handlers.names,
      handler: handlers.codes as Uint32Array,
      teams: teams.names,
      team: teams.codes as Int32Array,
    },
    identity,
  };
}

/**
 * New codes for a per-case name column (handlers or teams) so that one name in two courts is two
 * entries, each named with its court. NONE stays NONE. Most names belong to one court: the first
 * owner is kept in arrays, a map serves only the names shared by courts.
 */
function regroup<A extends Uint32Array | Int32Array>(
  names: readonly string[],
  col: ArrayLike<number>,
  court: Uint16Array,
  courts: readonly string[],
  out: A,
): { names: string[]; codes: A } {
  const owner = new Int32Array(names.length).fill(-1);
  const first = new Int32Array(names.length);
  const shared = new Map<number, number>();
  const outNames: string[] = [];
  for (let i = 0; i < out.length; i++) {
    const h = col[i]!;
    if (h === NONE) {
      out[i] = NONE;
      continue;
    }
    const c = court[i]!;
    let code: number;
    if (owner[h] === c) code = first[h]!;
    else if (owner[h] === -1) {
      owner[h] = c;
      code = first[h] = outNames.length;
      outNames.push(qualified(courts[c]!, names[h]!));
    } else {
      const key = c * names.length + h;
      const got = shared.get(key);
      if (got !== undefined) code = got;
      else {
        code = outNames.length;
        outNames.push(qualified(courts[c]!, names[h]!));
        shared.set(key, code);
      }
    }
    out[i] = code;
  }
  return { names: outNames, codes: out };
}

/** A handler's or team's name without its court ("张三" for "某法院 · 张三"). */
export function bareName(court: string, name: string): string {
  return name.startsWith(court + WITHIN_COURT) ? name.slice(court.length + WITHIN_COURT.length) : name;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The warnings court identity gives, bilingual: unmatched courts with their did-you-mean, courts without cases. */
export function identityWarnings(id: CourtIdentity, lang: Lang): string[] {
  const out: string[] = [];
  const num = (n: number) => n.toLocaleString('en-US');
  for (const u of id.unmatched) {
    if (lang === 'zh') {
      out.push(
        `${num(u.cases)} 件案件的法院“${u.name}”不在本方案的法院中${u.suggestion ? `，是否指“${u.suggestion}”？` : '。'}${id.excluded > 0 ? '这些案件未计入任何数字。' : ''}`,
      );
    } else {
      out.push(
        `${num(u.cases)} cases have the court "${u.name}", which is not one of this plan's courts${u.suggestion ? ` — did you mean "${u.suggestion}"?` : '.'}${id.excluded > 0 ? ' They are left out of every figure.' : ''}`,
      );
    }
  }
  for (const c of id.withoutCases) {
    out.push(
      lang === 'zh'
        ? `本方案的法院“${c}”在数据中没有案件，其各项按法院的目标无法计算。`
        : `the plan's court "${c}" has no case in the data: its per-court targets cannot be measured.`,
    );
  }
  return out;
}

/** Per handler (or team) code, its name without its court — what a plan's `承办人 = "张三"` compares. */
export function bareNames(store: CaseStore, kind: 'handler' | 'team'): string[] {
  const names = kind === 'handler' ? store.handlers : store.teams;
  const col = kind === 'handler' ? store.handler : store.team;
  const out = names.slice();
  const done = new Uint8Array(names.length);
  for (let i = 0; i < store.n; i++) {
    const h = col[i]!;
    if (h === NONE || done[h]) continue;
    done[h] = 1;
    out[h] = bareName(store.courts[store.court[i]!]!, names[h]!);
  }
  return out;
}

/**
 * The group a user names: a handler or team as "court · name", or by its bare name when one court has
 * it. Returns the group's name in the identified store, the candidates when the bare name is in several
 * courts, or null when no group has it.
 */
export function findGroup(names: readonly string[], name: string): { name: string } | { ambiguous: string[] } | null {
  if (names.includes(name)) return { name };
  const tail = WITHIN_COURT + name;
  const hits = names.filter((n) => n.endsWith(tail));
  if (hits.length === 1) return { name: hits[0]! };
  return hits.length > 1 ? { ambiguous: hits.slice().sort(cmp) } : null;
}

/** A record of an identified store as the data spelled it: handler and team without their court. */
export function plainRecord<R extends { court: string; handler: string; team?: string }>(rec: R): R {
  rec.handler = bareName(rec.court, rec.handler);
  if (rec.team !== undefined) rec.team = bareName(rec.court, rec.team);
  return rec;
}
