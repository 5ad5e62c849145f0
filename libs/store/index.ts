export * from './port';
export * from './errors';
export * from './chain';
export { MemoryStore } from './memory.store';
export * from './store-url';
export { SqliteStore } from './sqlite.store';
