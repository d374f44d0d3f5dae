// A court's database as the workbench's data source (docs/sql.md, "serve with a database"): luoshi.config.yaml's
// `database.url` (its password from the environment), read in a read-only session — the canonical tables, or the
// views `luoshi db map` made — validated as files are, and kept until the page asks for a refresh. A database
// that fails is an answer with its message (502), never the server's end.
import { loadFromDatabase } from '../commands/evaluate.js';
import { safeUrl } from '../sql/database.js';
import { UsageError } from '../io.js';
import { encodeLoaded } from './data.js';
import { WorkspaceError } from './workspace.js';
import type { DatabaseSourceInfo } from '../../workers/protocol.js';

/** The selection the page uses for the database (not a workspace path: nothing on disk has this name). */
export const DATABASE_SELECTION = 'database:';

export interface DatabaseSourceOptions {
  /** The URL with the environment's values in it: never shown. */
  url: string;
  /** The views' schema (luoshi db map), or undefined for the canonical tables on the search path. */
  schema?: string | undefined;
  /** The configuration that names it, as shown. */
  configFile: string;
}

/** What the page shows of the source: one definition, shared with the workbench. */
export type DatabaseInfo = DatabaseSourceInfo;

export class DatabaseService {
  private loaded: Promise<{ chunks: Uint8Array[]; bytes: number }> | null = null;
  private state: Omit<DatabaseInfo, 'source' | 'schema' | 'configFile'> = {
    readAt: null,
    read: null,
    accepted: null,
    rejected: null,
    error: null,
  };

  constructor(
    private readonly opts: DatabaseSourceOptions,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  info(): DatabaseInfo {
    return {
      source: safeUrl(this.opts.url),
      schema: this.opts.schema ?? null,
      configFile: this.opts.configFile,
      ...this.state,
    };
  }

  /** The data set, read on first use and kept until refresh(). */
  payload(): Promise<{ chunks: Uint8Array[]; bytes: number }> {
    this.loaded ??= this.read();
    return this.loaded;
  }

  /** Reads the database anew; the previous data set is dropped either way. */
  async refresh(): Promise<DatabaseInfo> {
    this.loaded = this.read();
    await this.loaded.catch(() => undefined);
    return this.info();
  }

  private async read(): Promise<{ chunks: Uint8Array[]; bytes: number }> {
    const shown = safeUrl(this.opts.url);
    const t0 = Date.now();
    try {
      const d = await loadFromDatabase(this.opts.url, 'zh', this.opts.schema, true);
      const out = encodeLoaded(
        { cases: [DATABASE_SELECTION], progress: [], staffing: [] },
        d.cases,
        d.progress,
        d.staffing,
        new Map(),
      );
      this.state = {
        readAt: new Date().toISOString(),
        read: d.cases.stats.read,
        accepted: d.cases.stats.accepted,
        rejected: d.cases.stats.rejected,
        error: null,
      };
      this.log(`database ${shown}: ${d.cases.stats.read} cases in ${Date.now() - t0} ms`);
      return out;
    } catch (e) {
      this.loaded = null; // the next request tries again
      const message =
        e instanceof UsageError
          ? e.message
          : `数据库读取失败 / reading the database failed: ${String((e as Error)?.message ?? e)}`;
      this.state = { ...this.state, error: message };
      this.log(`database ${shown}: ${message}`);
      throw new WorkspaceError(502, message);
    }
  }
}
