export * from './fact-table';
export * from './hash-index';
export * from './typed-column';
export * from './instant';
