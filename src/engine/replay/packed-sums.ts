// A replay's per-point sums packed into one Float64Array per window, to cross from a worker thread as a
// transferred buffer (not the thousands of small arrays of ReplaySums, each cloned), and the shards' packs
// added into the whole store's sums — in shard order, as eval/jobs.ts mergeJobResults adds, so the figures
// are the same to the last bit. Layout of a window's pack: point, node, then sum or n, then the groups
// (overall, each court, each handler, each team and the "no team" slot) of the shard's dictionaries.
import type { GroupSums } from '../eval/aggregate.js';
import { indexMap, type Dictionaries } from '../eval/jobs.js';
import type { ReplaySums, ReplayWindowJob } from './replay.js';

/** Per window: every point's sums, packed (see above). */
export type PackedReplaySums = Record<string, { data: Float64Array; exhaustive: boolean }>;

/** Groups per sum over these dictionaries. */
function width(d: Dictionaries): number {
  return 1 + d.courts.length + d.handlers.length + d.teams.length + 1;
}

/** Packs one shard's sums (over `dict`, its dictionaries). */
export function packReplaySums(sums: ReplaySums, dict: Dictionaries): PackedReplaySums {
  const w = width(dict);
  const out: PackedReplaySums = {};
  for (const [key, { perPoint, exhaustive }] of Object.entries(sums)) {
    const nodes = perPoint[0]?.length ?? 0;
    const data = new Float64Array(perPoint.length * nodes * 2 * w);
    for (const [p, row] of perPoint.entries())
      for (const [a, r] of row.entries()) {
        const at = (p * nodes + a) * 2 * w;
        putGroups(data, at, r.sum);
        putGroups(data, at + w, r.n);
      }
    out[key] = { data, exhaustive };
  }
  return out;
}

function putGroups(data: Float64Array, at: number, s: GroupSums): void {
  data[at] = s.overall[0]!;
  data.set(s.court, at + 1);
  data.set(s.handler, at + 1 + s.court.length);
  data.set(s.team, at + 1 + s.court.length + s.handler.length);
}

/**
 * The shards' packed sums (each over its dictionaries) added into the sums of the whole store's `jobs`, one
 * shard at a time as each arrives (a pool merges one worker's sums while the other still runs). The sums are
 * exact (integer counts, days and fen), so the order the shards come in does not change a bit.
 */
export class PackedSumsMerger {
  private readonly w: number;
  private readonly totals: Float64Array[];
  private readonly exhaustive: boolean[];

  constructor(
    private readonly whole: Dictionaries,
    private readonly jobs: readonly ReplayWindowJob[],
  ) {
    this.w = width(whole);
    this.totals = jobs.map((job) => new Float64Array(job.points.length * job.nodes.length * 2 * this.w));
    this.exhaustive = jobs.map(() => true);
  }

  /** Adds one shard's sums, over `dict`, its dictionaries. */
  add(dict: Dictionaries, packed: PackedReplaySums): void {
    const { whole, w } = this;
    // Each shard group's place among the whole store's groups (-1: a name the whole store lacks).
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
    const sw = m.length;
    this.jobs.forEach((job, j) => {
      const part = packed[job.key]!;
      this.exhaustive[j] &&= part.exhaustive;
      const src = part.data,
        sums = this.totals[j]!;
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

  /** The merged sums of every job. */
  sums(): ReplaySums {
    const { whole, w } = this;
    const out: ReplaySums = {};
    this.jobs.forEach((job, j) => {
      const sums = this.totals[j]!;
      const groups = (at: number): GroupSums => ({
        overall: sums.subarray(at, at + 1),
        court: sums.subarray(at + 1, at + 1 + whole.courts.length),
        handler: sums.subarray(at + 1 + whole.courts.length, at + 1 + whole.courts.length + whole.handlers.length),
        team: sums.subarray(at + 1 + whole.courts.length + whole.handlers.length, at + w),
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
