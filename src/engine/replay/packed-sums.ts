// A replay's per-point sums packed into one Float64Array per window, to cross from a worker thread as a
// transferred buffer (not the thousands of small arrays of ReplaySums, each cloned), and the shards' packs
// added into the whole store's sums — in shard order, as eval/jobs.ts mergeJobResults adds, so the figures
// are the same to the last bit. Layout of a window's pack: point, node, then sum or n, then the groups
// (overall, each court, each handler, each team and the "no team" slot) of the shard's dictionaries — or,
// when no handler or team has a sum (a replay's window pass sums per court only: ./window-pass.ts), overall
// and each court alone, a pack a tenth of the size or less.
import type { GroupSums } from '../eval/aggregate.js';
import { indexMap, type Dictionaries } from '../eval/jobs.js';
import type { ReplaySums, ReplayWindowJob } from './replay.js';

/** Per window: every point's sums, packed (see above); `courtsOnly`: overall and courts alone. */
export type PackedReplaySums = Record<string, { data: Float64Array; exhaustive: boolean; courtsOnly?: boolean }>;

/** Groups per sum over these dictionaries (overall and courts alone when `courtsOnly`). */
function width(d: Dictionaries, courtsOnly = false): number {
  return courtsOnly ? 1 + d.courts.length : 1 + d.courts.length + d.handlers.length + d.teams.length + 1;
}

const zero = (a: Float64Array): boolean => a.every((v) => v === 0);

/** Packs one shard's sums (over `dict`, its dictionaries). */
export function packReplaySums(sums: ReplaySums, dict: Dictionaries): PackedReplaySums {
  const out: PackedReplaySums = {};
  for (const [key, { perPoint, exhaustive }] of Object.entries(sums)) {
    const courtsOnly = perPoint.every((row) =>
      row.every((r) => zero(r.sum.handler) && zero(r.sum.team) && zero(r.n.handler) && zero(r.n.team)),
    );
    const w = width(dict, courtsOnly);
    const nodes = perPoint[0]?.length ?? 0;
    const data = new Float64Array(perPoint.length * nodes * 2 * w);
    for (const [p, row] of perPoint.entries())
      for (const [a, r] of row.entries()) {
        const at = (p * nodes + a) * 2 * w;
        putGroups(data, at, r.sum, courtsOnly);
        putGroups(data, at + w, r.n, courtsOnly);
      }
    out[key] = courtsOnly ? { data, exhaustive, courtsOnly } : { data, exhaustive };
  }
  return out;
}

function putGroups(data: Float64Array, at: number, s: GroupSums, courtsOnly: boolean): void {
  data[at] = s.overall[0]!;
  data.set(s.court, at + 1);
  if (courtsOnly) return;
  data.set(s.handler, at + 1 + s.court.length);
  data.set(s.team, at + 1 + s.court.length + s.handler.length);
}

/**
 * The shards' packed sums (each over its dictionaries) added into the sums of the whole store's `jobs`, one
 * shard at a time as each arrives (a pool merges one worker's sums while the other still runs). The sums are
 * exact (integer counts, days and fen), so the order the shards come in does not change a bit.
 */
export class PackedSumsMerger {
  /** Per job: the sums so far, over overall and courts alone until a shard brings handlers or teams. */
  private readonly totals: Float64Array[];
  private readonly wide: boolean[];
  private readonly exhaustive: boolean[];

  constructor(
    private readonly whole: Dictionaries,
    private readonly jobs: readonly ReplayWindowJob[],
  ) {
    this.totals = jobs.map((job) => new Float64Array(job.points.length * job.nodes.length * 2 * width(whole, true)));
    this.wide = jobs.map(() => false);
    this.exhaustive = jobs.map(() => true);
  }

  /** Adds one shard's sums, over `dict`, its dictionaries. */
  add(dict: Dictionaries, packed: PackedReplaySums): void {
    const { whole } = this;
    // Each shard group's place among the whole store's groups (-1: a name the whole store lacks); overall and
    // courts come first in both layouts, so a courts-only pack reads the first places alone.
    const court = indexMap(dict.courts, whole.courts),
      handler = indexMap(dict.handlers, whole.handlers),
      team = indexMap(dict.teams, whole.teams, 1);
    const m = new Int32Array(width(dict));
    const put = (from: number, map: Int32Array, base: number) =>
      map.forEach((g, k) => {
        m[from + k] = g < 0 ? -1 : base + g;
      });
    put(1, court, 1);
    put(1 + court.length, handler, 1 + whole.courts.length);
    put(1 + court.length + handler.length, team, 1 + whole.courts.length + whole.handlers.length);
    this.jobs.forEach((job, j) => {
      const part = packed[job.key]!;
      this.exhaustive[j] &&= part.exhaustive;
      if (!part.courtsOnly && !this.wide[j]) this.widen(j);
      const src = part.data,
        sums = this.totals[j]!;
      const sw = width(dict, part.courtsOnly),
        w = width(whole, !this.wide[j]);
      const cells = job.points.length * job.nodes.length * 2;
      for (let c = 0; c < cells; c++) {
        const from = c * sw,
          into = c * w;
        for (let g = 0; g < sw; g++) {
          const v = src[from + g]!;
          if (v !== 0 && m[g]! >= 0) sums[into + m[g]!]! += v;
        }
      }
    });
  }

  /** Job j's sums so far laid out over every group (a shard brought handlers' or teams' sums). */
  private widen(j: number): void {
    const job = this.jobs[j]!;
    const narrow = width(this.whole, true),
      w = width(this.whole);
    const cells = job.points.length * job.nodes.length * 2;
    const from = this.totals[j]!,
      to = new Float64Array(cells * w);
    for (let c = 0; c < cells; c++) to.set(from.subarray(c * narrow, (c + 1) * narrow), c * w);
    this.totals[j] = to;
    this.wide[j] = true;
  }

  /** The merged sums of every job (no handler or team groups where no shard had any). */
  sums(): ReplaySums {
    const { whole } = this;
    const out: ReplaySums = {};
    const none = new Float64Array(0);
    this.jobs.forEach((job, j) => {
      const sums = this.totals[j]!,
        wide = this.wide[j]!,
        w = width(whole, !wide);
      const groups = (at: number): GroupSums => ({
        overall: sums.subarray(at, at + 1),
        court: sums.subarray(at + 1, at + 1 + whole.courts.length),
        handler: wide
          ? sums.subarray(at + 1 + whole.courts.length, at + 1 + whole.courts.length + whole.handlers.length)
          : none,
        team: wide ? sums.subarray(at + 1 + whole.courts.length + whole.handlers.length, at + w) : none,
      });
      out[job.key] = {
        exhaustive: this.exhaustive[j]!,
        perPoint: job.points.map((_, p) =>
          job.nodes.map((node, a) => {
            const at = (p * job.nodes.length + a) * 2 * w;
            return { key: node.key, sum: groups(at), n: groups(at + w) };
          }),
        ),
      };
    });
    return out;
  }
}

/** The shards' packed sums (each over its dictionaries) added into the sums of the whole store's `jobs`. */
export function mergePackedReplaySums(
  whole: Dictionaries,
  jobs: readonly ReplayWindowJob[],
  parts: ReadonlyArray<{ dict: Dictionaries; packed: PackedReplaySums }>,
): ReplaySums {
  const merger = new PackedSumsMerger(whole, jobs);
  for (const { dict, packed } of parts) merger.add(dict, packed);
  return merger.sums();
}

/** The buffers of packed sums (to transfer them). */
export function packedBuffers(packed: PackedReplaySums): ArrayBuffer[] {
  return Object.values(packed).map((p) => p.data.buffer as ArrayBuffer);
}
