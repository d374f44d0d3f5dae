// The built-in plugins (standard functions and calendar, report formats), apart from ./index.ts so the
// workbench's engine worker can add them without importing everything index.ts gathers (the configuration
// parser in ./config.ts brings the YAML parser, which the worker does not need).
import type { PluginHost } from './host.js';
import { STD_MANIFEST, STD_MODULE } from './builtin/std.js';
import { FORMATS_MANIFEST, FORMATS_MODULE } from './builtin/formats.js';

/** Adds the platform-neutral built-in plugins (standard functions and calendar, report formats). */
export function addBuiltinPlugins(host: PluginHost): void {
  host.addPlugin({
    manifest: STD_MANIFEST,
    manifestFile: 'builtin:luoshi.std',
    load: async () => STD_MODULE,
    builtin: true,
  });
  host.addPlugin({
    manifest: FORMATS_MANIFEST,
    manifestFile: 'builtin:luoshi.formats',
    load: async () => FORMATS_MODULE,
    builtin: true,
  });
}
