export { EsdbStore, type EsdbStoreOptions } from './esdb.store';
export { UnreadableFactError } from './ledger-event';
