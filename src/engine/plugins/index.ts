// The plugin system's platform-neutral core: the API plugins are written against, the host, the
// contribution points, and the built-in plugins (standard functions and calendar, report formats).
// Node loading (plugin folders, npm packages, luoshi.config.yaml, the data importers) is in
// src/harness/plugins/; the workbench consumes the same host (docs/plugins.md, "For the workbench").
export type * from './api.js';
export { PluginHost, globMatch, irCalls } from './host.js';
export type {
  AddPluginInput,
  PluginInfo,
  PluginState,
  EvalHooks,
  HostOptions,
  FormatInfo,
  ImporterInfo,
  CalendarInfo,
  CommandInfo,
  ViewInfo,
} from './host.js';
export { STANDARD_POINTS, TITLE_SCHEMA, titleOf, type ContributionPoint } from './points.js';
export { manifestSchema } from './manifest.js';
export { pluginDiagnostic } from './diagnostics.js';
export { PLUGIN_CODES } from '../diagnostics/codes.js';
export { satisfies, parseVersion, validRange } from './semver.js';
export { WEEKDAYS, declaredCalendar, addWorkdays, workdaysBetween, calendarApi, type Calendar } from './calendar.js';
export { parseConfig, governing, CONFIG_FILE_NAMES, type LuoshiConfig, type PluginRef } from './config.js';
export { addBuiltinPlugins } from './builtins.js';
