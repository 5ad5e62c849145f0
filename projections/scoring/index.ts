export * from './model';
export * from './as-of';
export * from './lines';
export * from './periods';
export * from './table';
export * from './views';
export * from './settlement';
export * from './history';
