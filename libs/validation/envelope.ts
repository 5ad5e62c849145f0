import type { FieldError } from './field-error';
import { member } from './error-paths';

/** A fact is `{ id, type, data, metadata }`: the shape EventStoreDB's jsonEvent takes. */
export const ENVELOPE_KEYS: readonly string[] = ['id', 'type', 'data', 'metadata'];

/**
 * What class-transformer would silently drop, so that it slipped past "unknown fields are
 * rejected" and the returned fact differed from what was validated: keys that exist on every
 * object's prototype (`__proto__`, `constructor`, `toString`, ...; Object.assign would even set a
 * prototype), and holes in lists (`[a, , b]`, only possible from code, not from JSON). Found here
 * first, anywhere in the fact.
 */
export function droppedShapeErrors(value: unknown, path: string, out: FieldError[]): void {
  if (hasDroppedShape(value)) collectDroppedShapes(value, path, out);
}

/** The common case, nothing to report, without building a path string per field. */
function hasDroppedShape(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (!(i in value) || hasDroppedShape(value[i])) return true;
    return false;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (key in Object.prototype || hasDroppedShape((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function collectDroppedShapes(value: unknown, path: string, out: FieldError[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      if (!(i in value)) out.push({ field: `${path}[${i}]`, reason: 'is missing (a hole in the list)' });
      else collectDroppedShapes(value[i], `${path}[${i}]`, out);
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      if (key in Object.prototype) out.push({ field: `${path}${member(key)}`, reason: 'unknown field' });
      else collectDroppedShapes((value as Record<string, unknown>)[key], `${path}${member(key)}`, out);
    }
  }
}

/** The top-level path of an envelope key (no leading dot). */
export function envelopeField(key: string): string {
  return member(key).replace(/^\./, '');
}
