// The import rule of luoshi's layers (docs/architecture.md): engine ← workers ← harness, engine ← workers ←
// workbench, nothing upward, nothing sideways between harness and workbench, no cycle anywhere in src/.
// Run by `npm run lint` (and so by CI); test/layers/import-rule.test.ts proves the rule can fail.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'No import cycle anywhere in src/, type-only imports included: a cycle makes two modules one.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'engine-is-self-contained',
      severity: 'error',
      comment:
        'src/engine runs in a browser worker and under Node alike: it imports nothing outside src/engine ' +
        '(npm packages aside) and never a Node built-in.',
      from: { path: '^src/engine/' },
      to: { pathNot: ['^src/engine/', 'node_modules'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'engine-no-node-builtins',
      severity: 'error',
      comment: 'src/engine has no Node built-ins (node:fs, path, worker_threads, …): it must run in a browser.',
      from: { path: '^src/engine/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'engine-core-not-faces',
      severity: 'error',
      comment:
        'Inside the engine data flows one way: the stages (syntax, check, ir, eval, replay, data, time, sql, ' +
        'diagnostics) build the report model (report/model.ts, report/groups.ts); the faces that render it ' +
        '(the rest of report/, documents/, language/, diff/, plugins/) sit above and are never imported by a stage.',
      from: { path: '^src/engine/(syntax|check|ir|eval|replay|data|time|sql|diagnostics)/' },
      to: {
        path: '^src/engine/(report|documents|language|diff|plugins)/',
        pathNot: '^src/engine/report/(model|groups)\\.ts$',
      },
    },
    {
      name: 'workers-only-engine',
      severity: 'error',
      comment:
        'src/workers holds what both hosts share (protocol, codec, engine facades): it imports the engine ' +
        'and itself, never the harness (Node) nor the workbench (DOM).',
      from: { path: '^src/workers/' },
      to: { path: '^src/(harness|workbench)/' },
    },
    {
      name: 'workers-no-node-builtins',
      severity: 'error',
      comment: 'src/workers is loaded by the workbench too: Node built-ins belong in src/harness.',
      from: { path: '^src/workers/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'harness-not-workbench',
      severity: 'error',
      comment: 'The harness (CLI, server) and the workbench (browser app) are siblings over workers and engine.',
      from: { path: '^src/harness/' },
      to: { path: '^src/workbench/' },
    },
    {
      name: 'workbench-not-harness',
      severity: 'error',
      comment:
        'The workbench runs in a browser: it talks to the harness over HTTP (src/workbench/server-api.ts), ' +
        'never by import.',
      from: { path: '^src/workbench/' },
      to: { path: '^src/harness/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      from: { path: '^src/' },
      to: { couldNotResolve: true, pathNot: ['\\?worker$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '\\.d\\.ts$'] },
    // Type-only imports are edges too: `import type` cycles still tie two modules together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mjs', '.js', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
