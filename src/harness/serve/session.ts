// Who may use `luoshi serve`: the session token (as Jupyter does it) and the checks every request passes.
// `serve` makes a random token and prints a URL holding it; opening that URL (GET /?token=T) trades the
// token for an HttpOnly, SameSite=Strict cookie and redirects to the same page without it. The API and the
// plugin files answer only requests carrying the cookie. A page of another origin is refused outright
// (Origin, Sec-Fetch-Site): a page on 127.0.0.1:OTHERPORT is same-site for cookies, so SameSite alone
// would not keep it out.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A refusal: status and a message in both languages. */
export interface Refusal {
  status: number;
  message: string;
}

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Equal, in time that does not depend on where they differ (both are hashed to the same length first). */
export function sameToken(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

export const OPEN_PRINTED_URL =
  '未登录：请打开 luoshi serve 启动时打印的网址（含 ?token=） / not signed in: open the URL printed by `luoshi serve` (the one with ?token=)';

export class Session {
  /** Cookies are shared by every port of a host: the port in the name keeps two servers apart. */
  readonly cookieName: string;
  /** The Host headers this server answers (`127.0.0.1:PORT`, `localhost:PORT`): others are DNS rebinding. */
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;

  constructor(
    readonly token: string,
    host: string,
    port: number,
  ) {
    this.cookieName = `luoshi-token-${port}`;
    this.hosts = new Set([`${host}:${port}`, `localhost:${port}`]);
    this.origins = new Set([...this.hosts].map((h) => `http://${h}`));
  }

  /** `Set-Cookie` for a token that matched. */
  cookie(): string {
    return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** Whether the request carries this server's cookie (a malformed Cookie header is no cookie). */
  signedIn(req: IncomingMessage): boolean {
    const header = req.headers.cookie;
    if (typeof header !== 'string') return false;
    for (const part of header.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0 || part.slice(0, eq).trim() !== this.cookieName) continue;
      if (sameToken(part.slice(eq + 1).trim(), this.token)) return true;
    }
    return false;
  }

  /**
   * The checks before anything else: the Host (DNS rebinding), the Origin (a page of another origin), and
   * for the API and plugin files the Fetch-Metadata header and the cookie. null: go on.
   */
  refusal(req: IncomingMessage, guarded: boolean): Refusal | null {
    const host = req.headers.host ?? '';
    if (!this.hosts.has(host))
      return { status: 421, message: `主机名不符 / misdirected request: Host ${JSON.stringify(host.slice(0, 100))}` };
    const origin = req.headers.origin;
    if (origin !== undefined && !this.origins.has(origin)) {
      return {
        status: 403,
        message: `不接受来自其他网页的请求 / requests from another origin are refused: ${String(origin).slice(0, 100)}`,
      };
    }
    if (!guarded) return null;
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      return {
        status: 403,
        message: `不接受来自其他网页的请求 / requests from another site are refused (Sec-Fetch-Site: ${String(site).slice(0, 40)})`,
      };
    }
    if (!this.signedIn(req)) return { status: 401, message: OPEN_PRINTED_URL };
    return null;
  }
}
