// What the callbacks passed to page.evaluate touch in the browser, typed for this (Node, no DOM lib)
// project: each test module declares `window` and `document` locally with these shapes.
export interface ModelLike {
  getLinesContent(): string[];
  getLineMaxColumn(line: number): number;
  getLineContent(line: number): string;
  setValue(text: string): void;
  getValue(): string;
  getVersionId(): number;
}

export interface EditorLike {
  getValue(): string;
  getModel(): ModelLike | null;
  setPosition(p: { lineNumber: number; column: number }): void;
  revealLineInCenter(line: number): void;
  focus(): void;
  trigger(source: string, id: string, payload: unknown): void;
}

export interface PluginContextLike {
  registerCommand(c: { id: string; title: { zh: string; en: string }; run(...args: unknown[]): unknown }): unknown;
  workbench: { notify(text: string, kind: 'info' | 'error' | 'ok'): void };
}

export interface PageWindow {
  luoshi: {
    workbench: {
      editor: EditorLike;
      store: {
        s: {
          busy: Record<string, unknown>;
          data: { rejected: number; cases: number; read: number } | null;
          check: { errorCount: number; blocked: boolean; entry: string; diagnostics: Array<{ code: string }> } | null;
          entry: string | null;
          report: {
            asOf: string;
            indicators: Array<{ name: string; overall: { value: number | null; numerator: number } }>;
            rankings: Array<{
              target: string;
              unit: string;
              rows: Array<{
                rank: number;
                court: string;
                value: number | null;
                numerator: number;
                denominator: number | null;
                status: string;
              }>;
            }>;
          } | null;
          firstEvaluatedAt: number | null;
          dataOrigin: string;
          dataSelection: { cases: string[]; progress: string[]; staffing: string[] } | null;
        };
      };
      selectData(sel: { cases: string[]; progress: string[]; staffing: string[] }): void;
      generateData(cases: number): Promise<void>;
      setEntry(path: string): void;
      setAsOf(date: string, immediate?: boolean): void;
    };
    plugins: {
      activate(p: { id: string; version?: string; activate(ctx: PluginContextLike): void }): unknown;
      deactivate(id: string): void;
    };
    commands: { execute(id: string, ...args: unknown[]): Promise<unknown>; list(): string[] };
  };
  __longtasks?: Array<{ start: number; duration: number }>;
}

export interface PageDocument {
  body: { dataset: Record<string, string | undefined> };
  querySelector(selector: string): { textContent: string | null } | null;
  activeElement: { closest(selector: string): unknown } | null;
}

export interface PageStorage {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
  clear(): void;
  readonly length: number;
  key(i: number): string | null;
}

export interface PageObserverCtor {
  new (
    cb: (list: { getEntries(): Array<{ startTime: number; duration: number }> }) => void,
  ): { observe(o: { type: string; buffered?: boolean }): void };
}
