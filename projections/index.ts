export * from './ledger-state';
export * from './scoring';
