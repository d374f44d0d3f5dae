// What the compiler needs from plugins (no plugin code runs): their event types and function signatures.
import type { CompileOptions } from '../../check/compile.js';
import type { FunctionSignature } from '../../check/functions.js';
import type { EventTypeDecl, FunctionDecl, FunctionImplementation } from '../api.js';
import type { HostCore } from './core.js';

export function functionSignatures(core: HostCore): FunctionSignature[] {
  return core.live<FunctionDecl, FunctionImplementation>('functions').map((e) => ({ ...e.decl, plugin: e.plugin }));
}

export function eventTypes(core: HostCore): EventTypeDecl[] {
  return core.live<EventTypeDecl, never>('eventTypes').map((e) => e.decl);
}

/** For `compile(entry, host, options)`: the contributed event types and function signatures. */
export function compileOptions(core: HostCore): CompileOptions {
  return { eventTypes: eventTypes(core).map((e) => e.name), functions: functionSignatures(core) };
}
