export * from './fact-table';
export * from './ledger-state';
export * from './scoring';
export * from './circulars';
