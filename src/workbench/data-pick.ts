// The data the user picked for a plan, remembered per plan in the browser; the choice itself is
// data-choice.ts.
import type { DataSelection } from '../workers/protocol.js';

export * from './data-choice.js';

const KEY = 'luoshi.data.';

export function rememberedData(plan: string): DataSelection | null {
  try {
    const v = localStorage.getItem(KEY + plan);
    return v ? (JSON.parse(v) as DataSelection) : null;
  } catch {
    return null;
  }
}

export function rememberData(plan: string, sel: DataSelection): void {
  localStorage.setItem(KEY + plan, JSON.stringify(sel));
}
