export * from './table-csv';
export * from './explanation-text';
