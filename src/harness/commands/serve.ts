// `luoshi serve [DIR…]`: the workbench on a folder (or several), at http://127.0.0.1:PORT/. Runs until
// interrupted (Ctrl+C).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT_OK, UsageError, type CliIO } from '../io.js';
import { startServer } from '../serve/server.js';
import type { DatabaseSourceOptions } from '../serve/database.js';
import { readMappingConfig, resolveUrl } from '../sql/mapping.js';
import { safeUrl } from '../sql/database.js';
import { viewSchema } from '../../engine/sql/mapping.js';

export const SERVE_HELP = `luoshi serve [DIR…] [options]

  Serves the workbench on the given folders (default: the current folder) at http://127.0.0.1:PORT/.
  Plans, tests and data files of the folders appear in its explorer; saving writes the file atomically and
  refuses when it changed on disk since it was opened. Only this machine can connect (127.0.0.1), and only
  a browser that opened the printed URL (http://127.0.0.1:PORT/?token=…, a new token each start) can use
  it. Hidden files and folders (.git, .env, …) are never listed, read or written.

  --port N       port (default 4318; 0 picks a free one)
  --trust        trust the served folders for this run: their plugins (luoshi.config.yaml) run without
                 asking. Only for folders you own: a plugin is code with full access to this machine.
  --no-plugins   run no folder's plugins, trusted or not (built-in plugins only)

  A folder's plugins run only once it is trusted (the workbench asks: 信任此文件夹 / Trust this folder);
  the choice is remembered outside the folder, in $LUOSHI_CONFIG_DIR or $XDG_CONFIG_HOME/luoshi
  (default ~/.config/luoshi)/trust.json. Until then the workbench runs in restricted mode.

  A folder whose luoshi.config.yaml has database.url (its password as \${NAME}, read from the environment)
  gives the workbench a database source: read in a read-only session (the canonical tables, or the views
  luoshi db map made), shown as the data source, and read again by the workbench's "refresh" command.

  Stop with Ctrl+C.`;

export async function serveCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string', default: '4318' },
      help: { type: 'boolean', short: 'h' },
      trust: { type: 'boolean' },
      'no-plugins': { type: 'boolean' },
    },
  });
  if (values.help) {
    io.stdout(SERVE_HELP + '\n');
    return EXIT_OK;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port 应为 0–65535 的整数 / --port must be an integer 0–65535, not "${values.port}"`);
  const dirs = (positionals.length ? positionals : ['.']).map((d) => resolve(io.cwd, d));
  for (const d of dirs) {
    let ok = false;
    try {
      ok = statSync(d).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) throw new UsageError(`不是文件夹 / not a folder: ${d}`);
  }
  const database = databaseSource(dirs);
  let running;
  try {
    running = await startServer({
      ...(database ? { database } : {}),
      dirs,
      port,
      log: (l) => io.stderr(`${l}\n`),
      trust: values.trust === true,
      noPlugins: values['no-plugins'] === true,
    });
  } catch (e) {
    if ((e as { code?: string }).code === 'EADDRINUSE')
      throw new UsageError(
        `端口 ${port} 已被占用，请用 --port 指定其他端口 / port ${port} is in use: choose another with --port`,
      );
    throw e;
  }
  const trust = running.trust();
  const mode = trust.noPlugins
    ? '不运行插件（--no-plugins） / no plugins run (--no-plugins)'
    : trust.trusted
      ? `已信任，插件可运行${trust.folders.every((f) => f.session) ? '（仅本次，--trust）' : ''} / trusted: plugins run${trust.folders.every((f) => f.session) ? ' (this run only, --trust)' : ''}`
      : '未信任：受限模式，插件不运行，直到在工作台中信任 / not trusted: restricted mode, no plugins run until trusted in the workbench';
  const source = database
    ? `数据库数据源（只读，${database.configFile}） / database source (read-only, ${database.configFile}): ${safeUrl(database.url)}${database.schema ? ` (${database.schema})` : ''}\n`
    : '';
  io.stdout(
    `落实工作台 / luoshi workbench: ${running.url}\n  ${dirs.join('\n  ')}\n${source}请打开上面的网址（含令牌） / open the URL above (it holds the session token)\n插件 / plugins: ${mode}\n按 Ctrl+C 停止 / Ctrl+C to stop\n`,
  );
  // The last line of defence: no request's error, however it escapes, takes the server down.
  const survive = (e: unknown): void =>
    io.stderr(`error (the server keeps running): ${(e as Error)?.stack ?? String(e)}\n`);
  process.on('uncaughtException', survive);
  process.on('unhandledRejection', survive);
  await new Promise<void>((done) => {
    const stop = (): void => {
      void running.close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.off('uncaughtException', survive);
  process.off('unhandledRejection', survive);
  return EXIT_OK;
}

/** The first served folder's configured database source (luoshi.config.yaml's database.url), if any. */
function databaseSource(dirs: string[]): DatabaseSourceOptions | undefined {
  for (const dir of dirs) {
    const m = readMappingConfig(dir);
    if (m?.database.url === undefined) continue;
    return { url: resolveUrl(m.database.url, process.env, m.file), schema: viewSchema(m.database), configFile: m.file };
  }
  return undefined;
}
