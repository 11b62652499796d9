/** What ./parity-setup.ts provides to ./parity.workerd.ts (vitest provide/inject). */
import type { ParityInput } from './parity-corpus.js';

export interface ParityCase extends ParityInput {
  /** JSON of the findings on Node. */
  node: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    parity: { cases: ParityCase[]; sources: Record<string, number> };
    /** A password and its scrypt hash made by node/scrypt-hasher.ts with the default cost. */
    nodeScrypt: { password: string; stored: string };
    /** A cleanup inventory written by node/xlsx.ts (exceljs's Node build), base64. */
    nodeInventoryXlsx: string;
  }
}
