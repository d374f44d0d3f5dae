// Workspace trust for `luoshi serve` (docs/security.md): whether the plugins of a served folder may run,
// from the user's trust store (../trust.ts) and the command line (--trust for this run, --no-plugins for
// none), and the trust endpoints' answers.
import type { TrustPayload } from '../../workers/protocol.js';
import { TrustStore } from '../trust.js';
import { WorkspaceError, type Root, type Workspace } from './workspace.js';

export class TrustService {
  private readonly store: TrustStore;
  private readonly noPlugins: boolean;

  constructor(
    private readonly ws: Workspace,
    opts: { trust?: boolean | undefined; noPlugins?: boolean | undefined; trustFile?: string | undefined },
  ) {
    this.store = new TrustStore(opts.trustFile);
    this.noPlugins = opts.noPlugins === true;
    if (opts.trust && !this.noPlugins) for (const r of ws.roots) this.store.trustForSession(r.real);
  }

  /** May this served folder's plugins run? Asked afresh each time (trust may change in another window). */
  allows(root: Root): boolean {
    return !this.noPlugins && this.store.isTrusted(root.real);
  }

  payload(): TrustPayload {
    const folders = this.ws.roots.map((r) => {
      const st = this.store.state(r.real);
      return { name: r.name, dir: r.dir, trusted: st.trusted && !this.noPlugins, by: st.by, session: st.session };
    });
    return { folders, trusted: folders.every((f) => f.trusted), store: this.store.file, noPlugins: this.noPlugins };
  }

  /** Trusts or revokes every served folder (remembered in the store). */
  set(trusted: boolean): TrustPayload {
    if (this.noPlugins && trusted)
      throw new WorkspaceError(
        409,
        '服务以 --no-plugins 启动：不运行任何插件 / the server was started with --no-plugins: no plugins run',
      );
    try {
      for (const r of this.ws.roots) this.store.set(r.real, trusted);
    } catch (e) {
      throw new WorkspaceError(500, (e as Error).message);
    }
    return this.payload();
  }
}
