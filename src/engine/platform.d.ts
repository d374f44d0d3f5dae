// The few globals every host of the engine provides — browsers, web workers, Node — declared for the engine's
// own typecheck (src/engine/tsconfig.json has no DOM and no Node types). The engine may use these and nothing
// else of its platform; a new one goes here only if every host has it.
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBufferLike, options?: { stream?: boolean }): string;
}
declare function structuredClone<T>(value: T): T;
type EngineTimer = { readonly __engineTimer: unique symbol };
declare function setTimeout(handler: () => void, ms?: number): EngineTimer;
declare function clearTimeout(timer: EngineTimer | undefined): void;
