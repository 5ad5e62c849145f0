export * from './clock';
export * from './errors';
export * from './fact-checks';
export * from './ledger';
export * from './recorded-fact';
