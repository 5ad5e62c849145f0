export * from './ledger-state';
export * from './corrections';
