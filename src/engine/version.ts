// The engine and tool version (a test keeps it in step with package.json); plugins'
// `engines.luoshi` ranges are checked against it, in the harness and in the workbench alike.
export const VERSION = '0.1.0';
