import 'reflect-metadata';
import { isUUID, Validator, type ValidatorOptions } from 'class-validator';
import { CURRENT_SCHEMA_VERSION, FACT_KINDS, isFactKind, LEDGER_METADATA_KEYS, upcast, type FactKind, type LedgerFact, type SchemeDefinition } from '../../events';
import { FACT_DATA_DTOS } from './dto/catalogue';
import { FactMetadataDto } from './dto/metadata.dto';
import { ENVELOPE_KEYS, envelopeField, droppedShapeErrors } from './envelope';
import { fieldErrorsOf } from './error-paths';
import { FactValidationError, type FieldError } from './field-error';
import { decidedBeforeLaterChecks } from './later-checks';
import { hydrate, type DtoClass } from './rules/nested';
import { isJsonObject } from './rules/problem';
import { isMarkerUuid, LOWER_CASE_UUID, MARKER_UUID_REASON, UUID_CASE_REASON } from './rules/scalars';
import { schemeConsistencyErrors } from './scheme-consistency';

/**
 * Stateless validation at the edge, shared by the CLI importer and the HTTP API. It checks shape
 * and the rules a fact carries on its own; references (does the unit exist, is the amount within
 * the scheme's range) depend on what was recorded before and are the ledger's checks.
 */

/** 'import' accepts the ledger-owned metadata an export carries; 'api' refuses it. */
export type ValidationOrigin = 'import' | 'api';

export interface ValidateFactOptions {
  /** Default 'import'. The HTTP API must pass 'api'. */
  readonly origin?: ValidationOrigin;
}

/** Built once: validating 100k lines must not rebuild validators or options per call. */
const VALIDATOR = new Validator();
const OPTIONS: ValidatorOptions = Object.freeze({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: Object.freeze({ target: false, value: true }),
});
const LEDGER_OWNED_REASON = 'set by the ledger from the credential/clock, not by the request';
const KNOWN_KINDS = FACT_KINDS.join(', ');

/** Returns the fact, typed, when it is valid; throws FactValidationError naming every problem. */
export function validateFact(raw: unknown, options: ValidateFactOptions = {}): LedgerFact {
  const { fact, errors } = inspectFact(raw, options.origin ?? 'import');
  if (!fact) throw new FactValidationError(errors);
  return fact;
}

/** One NDJSON line: bad JSON is reported as field `(json)` with the parser's reason. */
export function parseFactLine(text: string, line: number, options: ValidateFactOptions = {}): LedgerFact {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte-order mark some editors write
  if (body.trim() === '') throw new FactValidationError([{ field: '(json)', reason: 'the line is empty; each line holds one fact' }], line);
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    throw new FactValidationError([{ field: '(json)', reason: error instanceof Error ? error.message : String(error) }], line);
  }
  const { fact, errors } = inspectFact(raw, options.origin ?? 'import');
  if (!fact) throw new FactValidationError(errors, line);
  return fact;
}

/**
 * The problems with `data` for one kind, paths starting at `path`. The ledger uses it for a
 * replacement (`checkFactData(target.type, replacement, 'data.replacement')`): only it knows the
 * corrected fact's kind.
 */
export function checkFactData(type: FactKind, data: unknown, path = 'data'): FieldError[] {
  if (!isJsonObject(data)) return [{ field: path, reason: data === undefined ? 'is required' : 'must be an object' }];
  const errors: FieldError[] = [];
  droppedShapeErrors(data, path, errors);
  if (errors.length > 0) return errors;
  const dto = hydrate(FACT_DATA_DTOS[type] as DtoClass, data);
  errors.push(...fieldErrorsOf(VALIDATOR.validateSync(dto, OPTIONS), path));
  if (errors.length === 0 && (type === 'SchemePublished' || type === 'SchemeAmended')) {
    errors.push(...schemeConsistencyErrors(data['scheme'] as SchemeDefinition, `${path}.scheme`));
  }
  return errors;
}

/** Deeper than any fact's shape (a scheme's is about six levels): checked before the walks that recurse. */
const MAX_DEPTH = 32;

/**
 * What no fact can hold, found before anything else reads the fact (iteratively, so any depth is
 * measured safely): nesting deeper than MAX_DEPTH, or text with U+FFFD, which is what bytes of
 * another encoding (GBK, as some tools save Chinese) become when read as UTF-8: recorded, it
 * would be garbage for good (`text`: checked for new facts only; one restored from an export keeps
 * the text it was recorded with).
 */
function unreadablePart(fact: Record<string, unknown>, text: boolean): FieldError | null {
  type Node = { readonly value: unknown; readonly step: string; readonly parent: Node | null; readonly depth: number };
  // a path is spelled only for the part reported (a scheme or circular fact has thousands of leaves)
  const pathOf = (node: Node): string => (node.parent === null ? node.step : `${pathOf(node.parent)}${node.step}`);
  const stack: Node[] = Object.entries(fact).map(([key, value]) => ({ value, step: key, parent: null, depth: 1 }));
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { value, depth } = node;
    if (text && typeof value === 'string' && value.includes('\uFFFD')) return { field: pathOf(node), reason: 'is not UTF-8 text: it holds bytes that are no UTF-8 character (save the file or send the body as UTF-8, not GBK or another encoding)' };
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) return { field: pathOf(node), reason: `nests objects or lists more than ${MAX_DEPTH} levels deep (no fact does)` };
    if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], step: `[${i}]`, parent: node, depth: depth + 1 });
    else for (const [key, child] of Object.entries(value).reverse()) stack.push({ value: child, step: `.${key}`, parent: node, depth: depth + 1 });
  }
  return null;
}

function inspectFact(raw: unknown, origin: ValidationOrigin): { fact?: LedgerFact; errors: FieldError[] } {
  if (!isJsonObject(raw)) return { errors: [{ field: '(fact)', reason: 'must be a JSON object with id, type, data and metadata' }] };
  // A fact restored from an export, recorded before the text check began, is taken with the text it was recorded with.
  const restored = origin === 'import' && isJsonObject(raw['metadata']) && decidedBeforeLaterChecks(raw['metadata']['recordedAt']);
  const unreadable = unreadablePart(raw, !restored);
  if (unreadable) return { errors: [unreadable] };
  const errors: FieldError[] = [];
  for (const key of Object.keys(raw)) {
    if (!ENVELOPE_KEYS.includes(key)) errors.push({ field: envelopeField(key), reason: 'unknown field (a fact has only id, type, data and metadata)' });
  }
  const idProblem = factIdProblem(raw['id']);
  if (idProblem) errors.push({ field: 'id', reason: idProblem });
  const type = raw['type'];
  const kind = typeof type === 'string' && isFactKind(type) ? type : undefined;
  if (!kind) errors.push({ field: 'type', reason: type === undefined ? 'is required' : `must be a fact kind: one of ${KNOWN_KINDS}` });

  const metadataErrors = checkMetadata(raw['metadata'], kind, origin);
  let fact = raw as unknown as LedgerFact;
  if (!kind) {
    if (!isJsonObject(raw['data'])) errors.push({ field: 'data', reason: raw['data'] === undefined ? 'is required' : 'must be an object' });
  } else if (metadataErrors.length === 0 && isOlderShape(raw, kind)) {
    // An older shape is upcast once (events/upcasting.ts) and validated as the current shape.
    try {
      fact = upcast(fact);
      errors.push(...checkFactData(kind, fact.data));
    } catch (error) {
      errors.push({ field: 'metadata.schemaVersion', reason: `cannot be upcast to version ${CURRENT_SCHEMA_VERSION[kind]}: ${error instanceof Error ? error.message : String(error)}` });
    }
  } else {
    errors.push(...checkFactData(kind, raw['data']));
  }
  errors.push(...metadataErrors);
  return errors.length > 0 ? { errors } : { fact, errors };
}

function factIdProblem(id: unknown): string | null {
  if (id === undefined) return 'is required';
  if (typeof id !== 'string' || !isUUID(id, 'all')) return 'must be a UUID';
  if (isMarkerUuid(id)) return MARKER_UUID_REASON;
  return LOWER_CASE_UUID.test(id) ? null : UUID_CASE_REASON;
}

function isOlderShape(raw: Record<string, unknown>, kind: FactKind): boolean {
  const version = (raw['metadata'] as { schemaVersion?: number }).schemaVersion;
  return version !== undefined && version < CURRENT_SCHEMA_VERSION[kind];
}

function checkMetadata(metadata: unknown, kind: FactKind | undefined, origin: ValidationOrigin): FieldError[] {
  // Required, {} when empty: one spelling per content keeps idempotent re-imports comparable.
  if (!isJsonObject(metadata)) return [{ field: 'metadata', reason: metadata === undefined ? 'is required ({} when there is nothing to add)' : 'must be an object' }];
  const errors: FieldError[] = [];
  droppedShapeErrors(metadata, 'metadata', errors);
  if (errors.length > 0) return errors;
  let own = metadata;
  if (origin === 'api') {
    // The actor comes from the credential and the time from the clock, never from the body (SPEC 8).
    const owned = LEDGER_METADATA_KEYS.filter((key) => Object.hasOwn(metadata, key));
    for (const key of owned) errors.push({ field: `metadata.${key}`, reason: LEDGER_OWNED_REASON });
    if (owned.length > 0) own = Object.fromEntries(Object.entries(metadata).filter(([key]) => !owned.includes(key as (typeof owned)[number])));
  } else if (Object.hasOwn(metadata, 'recordedBy') && !Object.hasOwn(metadata, 'recordedAt')) {
    // Who recorded a fact is restored with when (an export carries both); a new fact is the importer's.
    errors.push({ field: 'metadata.recordedBy', reason: 'is kept only with the recordedAt it was recorded at (a fact restored from an export); a new fact is recorded by whoever imports it (--actor names whom for)' });
  }
  errors.push(...fieldErrorsOf(VALIDATOR.validateSync(hydrate(FactMetadataDto, own), OPTIONS), 'metadata'));
  const version = metadata['schemaVersion'];
  if (kind && typeof version === 'number' && version > CURRENT_SCHEMA_VERSION[kind] && !errors.some((e) => e.field === 'metadata.schemaVersion')) {
    errors.push({ field: 'metadata.schemaVersion', reason: `must be 1 to ${CURRENT_SCHEMA_VERSION[kind]} for ${kind}: this ledger knows no later shape` });
  }
  return errors;
}
