import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FactValidationError, validateFact } from '../../libs/validation';

/**
 * Malformed input (SPEC.md section 8: "bad input gets a clear error naming the field and the
 * reason"). Every valid fact of examples/facts-sample.ndjson is mutated in one place. Mutations
 * that can never give a valid fact (a required key deleted, an unknown key added, an impossible
 * date, a value of the wrong JSON type) must be rejected naming that place; any other mutation may
 * be accepted, and then validation hands back exactly what it was given.
 */

type Json = unknown;
type Path = ReadonlyArray<string | number>;
interface Place {
  readonly fact: Json;
  readonly path: Path;
}

const SAMPLE: Json[] = readFileSync(join(__dirname, '../../examples/facts-sample.ndjson'), 'utf8')
  .split('\n')
  .filter((text) => text !== '')
  .map((text) => JSON.parse(text) as Json);

const isObject = (value: Json): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const jsonType = (value: Json) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const startsWith = (path: Path, prefix: Path) => prefix.every((key, i) => path[i] === key);
const typeOf = (fact: Json) => (fact as { type: string }).type;

/** The field as errors name it: `id`, `data.scheme.tiers[2].target`, `data["odd key"]`. */
function fieldOf(path: Path): string {
  const member = (key: string | number) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
  return path.map(member).join('').replace(/^\./, '');
}

/** Every place in a fact a value sits, envelope keys included (not the fact itself). */
function pathsOf(value: Json, at: Path = []): Path[] {
  const here = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => pathsOf(item, [...at, i]))];
  if (isObject(value)) return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...at, key]))];
  return here;
}

const valueAt = (fact: Json, path: Path): Json => path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], fact);
const parentOf = (fact: Json, path: Path): Json => valueAt(fact, path.slice(0, -1));

/**
 * Inside a replacement the edge only checks that it is an object: what it must hold depends on
 * the corrected fact's kind, which only the ledger knows (libs/validation/dto/corrections.dto.ts).
 */
const FREE_FORM: Path[] = [['data', 'replacement']];
const insideFreeForm = (path: Path) => FREE_FORM.some((prefix) => path.length > prefix.length && startsWith(path, prefix));

/** Keys the catalogue lets a fact leave out (docs/facts.md; the DTOs' `Optional` fields). */
function isOptional(fact: Json, path: Path): boolean {
  if (path.length === 2 && path[0] === 'metadata') return true; // schemaVersion, source, note, recordedAt, ...
  if (startsWith(path, ['data', 'scheme'])) {
    const inScheme = path.slice(2);
    if (inScheme.length === 1 && inScheme[0] === 'document') return true;
    if (inScheme.length === 3 && inScheme[0] === 'upperLevels' && (inScheme[2] === 'name' || inScheme[2] === 'directReportingPointPoints')) return true;
  }
  return typeOf(fact) === 'CircularIssued' && path.length === 2 && path[0] === 'data' && ['paragraphs', 'attachments', 'disclosure', 'contentVersion', 'content'].includes(path[1] as string);
}

// ---- the mutations that must be rejected, each with the places it applies to ----

/** Keys present in an object (not a list element), required, and checked by the edge. */
const requiredKeys = (fact: Json) => pathsOf(fact).filter((path) => isObject(parentOf(fact, path)) && !isOptional(fact, path) && !insideFreeForm(path));
/** Objects the edge knows the keys of, the fact itself included. */
const closedObjects = (fact: Json) => [[], ...pathsOf(fact)].filter((path) => isObject(valueAt(fact, path)) && !insideFreeForm([...path, 'key']));
const dates = (fact: Json) => pathsOf(fact).filter((path) => /^\d{4}-\d{2}-\d{2}$/.test(String(valueAt(fact, path))) && !insideFreeForm(path));
/** A null may be a legitimate "none" (publication, tier, submission), so only non-null values change type. */
const typedValues = (fact: Json) => pathsOf(fact).filter((path) => valueAt(fact, path) !== null && !insideFreeForm(path));

function places(of: (fact: Json) => Path[]): fc.Arbitrary<Place> {
  const facts = SAMPLE.filter((fact) => of(fact).length > 0);
  return fc.constantFrom(...facts).chain((fact) => fc.constantFrom(...of(fact)).map((path) => ({ fact, path })));
}

/** Keys no fact kind has (`extra...`), and keys every object has on its prototype. */
const unknownKey = fc.oneof(fc.string({ maxLength: 10 }).map((s) => `extra${s}`), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'));
/** Days that do not exist; every other part of the date is well formed. */
const impossibleDate = fc.constantFrom('2017-02-29', '2017-02-30', '2016-02-30', '2017-04-31', '2017-06-31', '2017-09-31', '2017-11-31', '2017-13-01', '2017-00-10', '2017-05-00', '2017-12-32', '2100-02-29');
const OF_TYPE: Record<string, fc.Arbitrary<Json>> = {
  string: fc.string({ maxLength: 8 }),
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  boolean: fc.boolean(),
  array: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  object: fc.dictionary(unknownKey.filter((key) => !key.startsWith('_') && key !== 'constructor'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
};
const otherType = (value: Json) => fc.constantFrom(...Object.keys(OF_TYPE).filter((type) => type !== jsonType(value))).chain((type) => OF_TYPE[type]!);

/** A copy with one key deleted, added (as JSON.parse would add it, `__proto__` too) or set. */
function deleted(fact: Json, path: Path): Json {
  const copy = structuredClone(fact);
  delete (parentOf(copy, path) as Record<string | number, Json>)[path.at(-1)!];
  return copy;
}
function added(fact: Json, path: Path, key: string, value: Json): Json {
  const copy = structuredClone(fact);
  Object.defineProperty(valueAt(copy, path), key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}
function set(fact: Json, path: Path, value: Json): Json {
  const copy = structuredClone(fact);
  (parentOf(copy, path) as Record<string | number, Json>)[path.at(-1)!] = value;
  return copy;
}

/** What validation threw, checked to be a well-formed FactValidationError; fails if it returned. */
function rejection(candidate: Json): FactValidationError {
  let returned: unknown;
  try {
    returned = validateFact(candidate);
  } catch (error) {
    if (!(error instanceof FactValidationError)) throw error;
    expect(error.errors.length).toBeGreaterThan(0);
    for (const { field, reason } of error.errors) expect([field.length > 0, reason.length > 0]).toEqual([true, true]);
    expect(error.message).toBe(`${error.errors[0]!.field}: ${error.errors[0]!.reason}`);
    return error;
  }
  throw new Error(`validation accepted ${JSON.stringify(candidate)} and returned ${JSON.stringify(returned)}`);
}

/** The errors on `field` itself, or inside it (a union's sub-field): `[field, reason]` pairs. */
const errorsOn = (error: FactValidationError, field: string) => error.errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`)).map((e) => [e.field, e.reason]);

describe('malformed input is rejected, naming the field', () => {
  it('the sample facts are valid and come back as they are', () => {
    for (const fact of SAMPLE) expect(validateFact(structuredClone(fact))).toStrictEqual(fact);
  });

  it('a required key deleted: "<field>: is required"', () => {
    fc.assert(
      fc.property(places(requiredKeys), ({ fact, path }) => {
        const error = rejection(deleted(fact, path));
        expect(error.errors.filter((e) => e.field === fieldOf(path)).map((e) => e.reason)).toEqual([expect.stringMatching(/^is required/)]);
      }),
      { numRuns: 500 },
    );
  });

  // A value that itself holds a prototype key (`{"__proto__": 1}`) is named at that inner key:
  // the edge looks for those everywhere first (libs/validation/envelope.ts).
  it('an unknown key added to any object of the fact: "<object>.<key>: unknown field"', () => {
    fc.assert(
      fc.property(places(closedObjects), unknownKey, fc.jsonValue({ maxDepth: 1 }), ({ fact, path }, key, value) => {
        const error = rejection(added(fact, path, key, value));
        const named = errorsOn(error, fieldOf([...path, key]));
        expect(named).not.toEqual([]);
        for (const [field, reason] of named) expect([field, reason]).toEqual([field, expect.stringMatching(/^unknown field/)]);
      }),
      { numRuns: 500 },
    );
  });

  it('a date that names no day: "<field>: is not a calendar date"', () => {
    fc.assert(
      fc.property(places(dates), impossibleDate, ({ fact, path }, date) => {
        const error = rejection(set(fact, path, date));
        expect(errorsOn(error, fieldOf(path))).toEqual([[fieldOf(path), 'is not a calendar date (no such day)']]);
      }),
      { numRuns: 300 },
    );
  });

  it('a value of another JSON type (not null) is rejected on that field', () => {
    const cases = places(typedValues).chain((place) => otherType(valueAt(place.fact, place.path)).map((value) => ({ ...place, value })));
    fc.assert(
      fc.property(cases, ({ fact, path, value }) => {
        const error = rejection(set(fact, path, value));
        expect(errorsOn(error, fieldOf(path))).not.toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('any other change of a valid fact', () => {
  type Mutation = { kind: 'set'; value: Json } | { kind: 'delete' } | { kind: 'add'; key: string; value: Json };
  const anyPlace = places((fact) => pathsOf(fact));
  const mutations: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
    fc.constant({ kind: 'delete' as const }),
    fc.record({ kind: fc.constant('add' as const), key: fc.string({ maxLength: 12 }), value: fc.jsonValue({ maxDepth: 1 }) }),
  );
  /** Deleting a list element, adding to a list or a scalar (a no-op), setting to any value at all. */
  function mutate(fact: Json, path: Path, mutation: Mutation): Json {
    if (mutation.kind === 'set') return set(fact, path, mutation.value);
    if (mutation.kind === 'add') return isObject(valueAt(fact, path)) ? added(fact, path, mutation.key, mutation.value) : structuredClone(fact);
    const parent = parentOf(fact, path);
    if (!Array.isArray(parent)) return deleted(fact, path);
    const copy = structuredClone(fact);
    (parentOf(copy, path) as Json[]).splice(path.at(-1) as number, 1);
    return copy;
  }

  /** The fact unchanged, or a well-formed FactValidationError; the input is never altered. */
  function validated(candidate: Json): FactValidationError | null {
    const before = structuredClone(candidate);
    try {
      const fact = validateFact(candidate);
      expect(fact).toStrictEqual(before);
      return null;
    } catch (error) {
      if (!(error instanceof FactValidationError)) throw error;
      expect(candidate).toStrictEqual(before);
      return rejection(candidate);
    }
  }

  it('whatever replaces, removes or adds a field, validation answers with the fact unchanged or a FactValidationError naming fields', () => {
    fc.assert(
      fc.property(anyPlace, mutations, ({ fact, path }, mutation) => {
        validated(mutate(fact, path, mutation));
      }),
      { numRuns: 3000 },
    );
  });

  it('a rejected change to a data field is reported under data', () => {
    const dataPlaces = places((fact) => pathsOf(fact).filter((path) => path[0] === 'data' && path.length > 1));
    fc.assert(
      fc.property(dataPlaces, fc.jsonValue({ maxDepth: 1 }), ({ fact, path }, value) => {
        const error = validated(set(fact, path, value));
        if (error) expect(error.errors.filter((e) => !e.field.startsWith('data'))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
