// comlink ships the Node adapter as .mjs with a .d.ts beside it that TypeScript does not pair with it.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  export default function nodeEndpoint(nep: object): Endpoint;
}
