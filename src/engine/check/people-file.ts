// A people file (人员名单): who holds a role held per court (`角色 R 每个法院`) in each court, as data the
// configuration names (luoshi.config.yaml `data:` → `people:`; docs/data.md), so the eleven courts' leaders
// need not be plan text. CSV with a header row or YAML (a list of maps); columns `法院 court`, `角色 role`,
// `人员 person` and optionally `别名 aliases` (other names of the person, separated by 、 , ; or |).
//
// Platform-neutral: the host reads the file and parses it (./people-read.ts, which brings the CSV and YAML
// parsers: a host loads it only when a plan has a people file); this decides, per role and court, whose
// holders count: the plan's own holders win over the file's (W0312 on the file's row); a row naming a court
// the plan does not bind, or a role that is not held per court, is named with its line and counted (W0313),
// never dropped silently. A file that cannot be read or lacks a column is E0220.
import { diagnostic } from '../diagnostics/codes.js';
import type { LineMap, Diagnostic } from '../diagnostics/diagnostic.js';

/** A people file as the host read it: `text` null when it could not be read (`why`, when the host knows). */
export interface PeopleSource {
  path: string;
  text: string | null;
  why?: { zh: string; en: string };
}

export interface PeopleRow {
  court: string;
  role: string;
  person: string;
  aliases: string[];
  /** Offsets of the row's court, role and person cells in the file, for diagnostics. */
  at: { court: [number, number]; role: [number, number]; person: [number, number] };
}

/** A people file read (./people-read.ts): its rows, and what was wrong in it (E0220), for the compiler to report. */
export interface PeopleFile {
  path: string;
  lines: LineMap;
  rows: PeopleRow[];
  diagnostics: Diagnostic[];
}

/** What the plan declares that a people file's rows are checked against. */
export interface PlanPeopleView {
  /** The plan's name of a court the file names by short name, full name or alias; null when none. */
  court(text: string): string | null;
  /** The courts the plan binds (its header's 法院). */
  planCourts: readonly string[];
  /** 'per-court' for a role held 每个法院, 'plan-wide' for another role, 'other' for a name of another kind, null when undeclared. */
  role(name: string): 'per-court' | 'plan-wide' | 'other' | null;
  /** Whether a person of that name may be added (no declaration of another kind has it). */
  personFree(name: string): boolean;
  /** The plan's person a row names by name or by one of its 别名 (吕院长 → 吕宇), else the row's name. */
  person(name: string, aliases: readonly string[]): string;
}

/** The rows of the configured people files, and which of them the plan used. */
export class PeopleIndex {
  private readonly used = new Set<PeopleRow>();
  /** Rows naming a court the plan itself gives a holder in (reported W0312, not used). */
  private readonly overridden = new Set<PeopleRow>();
  private readonly fileOf = new Map<PeopleRow, PeopleFile>();

  constructor(
    readonly files: readonly PeopleFile[],
    private readonly out: Diagnostic[],
  ) {
    for (const f of files) for (const r of f.rows) this.fileOf.set(r, f);
  }

  /**
   * The file's holders of a per-court role in the courts the plan gives no holder of (`written`: the
   * courts the plan's own `@ COURT` holders are in), in file order. With `report`, a row the plan
   * overrides is W0312 (reported once).
   */
  holders(
    role: string,
    written: ReadonlySet<string>,
    view: PlanPeopleView,
    report: boolean,
  ): Array<{ court: string; person: string }> {
    const out: Array<{ court: string; person: string }> = [];
    for (const f of this.files) {
      for (const r of f.rows) {
        if (r.role !== role) continue;
        const court = view.court(r.court);
        const person = view.person(r.person, r.aliases);
        if (court === null || !view.planCourts.includes(court) || !view.personFree(person)) continue;
        if (written.has(court)) {
          if (report && !this.overridden.has(r)) {
            this.out.push(diagnostic('W0312', f.path, f.lines.range(r.at.person), { role, court, person }));
          }
          this.overridden.add(r);
          continue;
        }
        if (report) this.used.add(r);
        out.push({ court, person });
      }
    }
    return out;
  }

  /** Every row no role took, each named with why (W0313), and the people the used rows add. */
  finish(view: PlanPeopleView): void {
    for (const f of this.files) {
      for (const r of f.rows) {
        if (this.used.has(r) || this.overridden.has(r)) continue;
        const kind = view.role(r.role);
        const court = view.court(r.court);
        const [zh, en, at] =
          kind === null
            ? [`本方案没有角色“${r.role}”`, `the plan has no role "${r.role}"`, r.at.role]
            : kind !== 'per-court'
              ? [
                  `“${r.role}”不是按法院担任的角色（角色 ${r.role} 每个法院）`,
                  `"${r.role}" is not a role held per court (role ${r.role} each court)`,
                  r.at.role,
                ]
              : court === null
                ? [`本方案没有法院“${r.court}”`, `the plan has no court "${r.court}"`, r.at.court]
                : !view.planCourts.includes(court)
                  ? [
                      `法院“${r.court}”不在本方案约束的法院中`,
                      `the court "${r.court}" is not one the plan binds`,
                      r.at.court,
                    ]
                  : [
                      `“${r.person}”已是本方案中另一种名称，不能作为人员`,
                      `"${r.person}" names something else in the plan, not a person`,
                      r.at.person,
                    ];
        this.out.push(diagnostic('W0313', f.path, f.lines.range(at), { zh, en }));
      }
    }
  }

  /** The people of the used rows, with their other names, in file order. */
  people(view: PlanPeopleView): Array<{ name: string; aliases: string[] }> {
    const out = new Map<string, Set<string>>();
    for (const f of this.files)
      for (const r of f.rows) {
        if (!this.used.has(r)) continue;
        const name = view.person(r.person, r.aliases);
        const s = out.get(name) ?? new Set<string>();
        for (const a of r.aliases) s.add(a);
        out.set(name, s);
      }
    return [...out].map(([name, s]) => ({ name, aliases: [...s] }));
  }
}
