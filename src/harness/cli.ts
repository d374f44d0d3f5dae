// The `luoshi` command line: dispatches to one module per command. A user's mistake prints one clear line
// and exits 2; nothing prints a stack trace for it.
import { EXIT_CANNOT_RUN, EXIT_OK, UsageError, processIO, type CliIO } from './io.js';
import { VERSION } from './version.js';

type Command = (args: string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  check: {
    summary: '编译并检查计划；带 --data 时按截至日评估 / compile and lint plans; with --data, evaluate as of a date',
    load: async () => (await import('./commands/check.js')).checkCommand,
  },
  compile: {
    summary: "输出计划的中间表示（JSON） / print a plan's IR as JSON",
    load: async () => (await import('./commands/compile.js')).compileCommand,
  },
  fmt: {
    summary: '规范格式化计划文件 / format plan files canonically (--check for CI)',
    load: async () => (await import('./commands/fmt.js')).fmtCommand,
  },
  explain: {
    summary: '列出一个数字背后的案件 / list the cases behind a number',
    load: async () => (await import('./commands/explain.js')).explainCommand,
  },
  replay: {
    summary: '按日期回放指标、目标与节点（text/json/csv/html） / replay indicators, targets and milestones over dates',
    load: async () => (await import('./commands/replay.js')).replayCommand,
  },
  test: {
    summary: "运行计划自带的测试（*.test.yaml） / run plans' own tests (*.test.yaml)",
    load: async () => (await import('./commands/test.js')).testCommand,
  },
  diff: {
    summary: '比较两个计划版本在同一数据上的结果 / compare two plan versions on the same data',
    load: async () => (await import('./commands/diff.js')).diffCommand,
  },
  sql: {
    summary: "输出计算计划各项数字的 SQL（PostgreSQL/DuckDB） / print the SQL that computes the plan's figures",
    load: async () => (await import('./commands/sql.js')).sqlCommand,
  },
  db: {
    summary:
      '在数据库中建立规范表并载入数据文件（PostgreSQL/DuckDB） / the canonical tables in a database, and data files loaded into them',
    load: async () => (await import('./commands/db.js')).dbCommand,
  },
  gen: {
    summary: '生成示例案件数据 / generate example case data',
    load: async () => (await import('./commands/gen.js')).genCommand,
  },
  lsp: {
    summary: '语言服务器（LSP，供编辑器使用） / the language server for editors (LSP over --stdio)',
    load: async () => (await import('./commands/lsp.js')).lspCommand,
  },
  import: {
    summary: '把任务分解表（xlsx/docx/csv）导入为计划骨架 / a task table (xlsx/docx/csv) into a plan skeleton',
    load: async () => (await import('./commands/import.js')).importCommand,
  },
  render: {
    summary:
      '把计划排成公文（docx/html/pdf）或任务分解表（--table xlsx/docx） / the plan as an official document, or its task table',
    load: async () => (await import('./commands/render.js')).renderCommand,
  },
  report: {
    summary: '按截至日生成通报（docx/xlsx） / the 通报 (progress bulletin) as of a date, docx or xlsx',
    load: async () => (await import('./commands/report.js')).reportCommand,
  },
  serve: {
    summary: '在浏览器中打开工作台（编辑、评估、回放） / the workbench in a browser on a folder',
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
};

export const HELP = `luoshi ${VERSION} — 落实：法院实施方案即代码 / court implementation plans as code

用法 / usage: luoshi <command> [options]

${Object.entries(COMMANDS)
  .map(([k, v]) => `  ${k.padEnd(9)} ${v.summary}`)
  .join('\n')}

  luoshi <command> --help    命令帮助 / help for a command
  luoshi --version

退出码 / exit codes: 0 通过 passed · 1 检查或测试未通过 a check or test failed · 2 无法运行 could not run
`;

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (cmd === '--version' || cmd === '-v') {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }
  const entry = COMMANDS[cmd];
  if (!entry) {
    io.stderr(`luoshi: 未知命令 / unknown command "${cmd}" (luoshi --help)\n`);
    return EXIT_CANNOT_RUN;
  }
  try {
    const run = await entry.load();
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`luoshi ${cmd}: ${e.message}\n`);
      return EXIT_CANNOT_RUN;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`luoshi ${cmd}: ${(e as Error).message}\n`);
      return EXIT_CANNOT_RUN;
    }
    // A fault of ours, not the user's: say so plainly, with the detail for a bug report.
    io.stderr(`luoshi ${cmd}: 内部错误 / internal error: ${(e as Error).message}\n`);
    if (process.env.LUOSHI_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    return EXIT_CANNOT_RUN;
  }
}

// Run directly (`tsx src/harness/cli.ts …`).
if (process.argv[1] && /harness[\\/]cli\.(ts|js)$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
