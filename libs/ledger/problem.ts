/** What the ledger's decide step finds wrong with a fact: the field, and why (one line at the edge). */
export interface Problem {
  readonly field: string;
  readonly reason: string;
}

export const problem = (field: string, reason: string): Problem => ({ field, reason });
