import type { Fact } from './envelope';
import { CURRENT_SCHEMA_VERSION, isFactKind, type LedgerFact } from './catalogue';

/**
 * A changed fact shape keeps its type name; the old shape is frozen here and upcast once on read,
 * so folds only ever see the current shape. Key: `${type}@${fromVersion}`, each step goes one
 * version up. No kind has changed shape yet.
 */
type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;
const UPCASTERS: Readonly<Record<string, Upcaster>> = {};

export class UnsupportedSchemaVersionError extends Error {
  readonly code = 'UNSUPPORTED_SCHEMA_VERSION';
}

export function upcast(fact: Fact): LedgerFact {
  const { data, schemaVersion } = upcastData(fact);
  return { ...fact, data, metadata: { ...fact.metadata, schemaVersion } } as LedgerFact;
}

/** A fact's data in the current shape of its kind, and that shape's schema version. */
export function upcastData(fact: Fact): { data: Record<string, unknown>; schemaVersion: number } {
  if (!isFactKind(fact.type)) throw new UnsupportedSchemaVersionError(`fact ${fact.id}: unknown kind ${fact.type}`);
  const current = CURRENT_SCHEMA_VERSION[fact.type];
  let version = fact.metadata.schemaVersion ?? current;
  if (version > current) {
    throw new UnsupportedSchemaVersionError(`fact ${fact.id}: ${fact.type} schemaVersion ${version} is newer than this ledger's ${current}`);
  }
  let data = fact.data as Record<string, unknown>;
  while (version < current) {
    const step = UPCASTERS[`${fact.type}@${version}`];
    if (!step) throw new UnsupportedSchemaVersionError(`fact ${fact.id}: no upcaster for ${fact.type}@${version}`);
    data = step(data);
    version += 1;
  }
  return { data, schemaVersion: current };
}
