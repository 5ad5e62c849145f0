export * from './fact-table';
export * from './typed-column';
