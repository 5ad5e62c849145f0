/** How `ledger serve` was started. */
export interface ServeOptions {
  /** --store, else LEDGER_STORE, else the embedded default. */
  readonly store?: string;
  /** --demo: load the 2017 fixture into an empty store and let anyone read (writes still need a credential). */
  readonly demo: boolean;
  /** Largest request body accepted (413 beyond it). */
  readonly bodyLimit: string;
}

export const SERVE_OPTIONS = Symbol('ServeOptions');
