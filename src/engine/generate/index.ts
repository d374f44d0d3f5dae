// The example-data generator (`luoshi gen`, the workbench's sample data, benchmarks and tests): outside the
// evaluation core, platform-neutral. What it makes and why is in cases.ts.
export { generateCases, generateRows, isBrokenRow } from './cases.js';
export { generateProgress } from './progress.js';
export { generateStaffing } from './staffing.js';
export { DEFECTS, GenError, resolveOptions, type BrokenRow, type Defect, type GenOptions } from './options.js';
export { presetNames, PRESETS, FUJIN2011 } from './presets.js';
export { NATIONAL, NATIONAL_TOTALS, nationalCourts, nationalTotals } from './national.js';
