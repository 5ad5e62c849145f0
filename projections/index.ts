export * from './ledger-state';
