export * from './content';
export * from './document-number';
export * from './restatement';
export * from './reconciliation';
