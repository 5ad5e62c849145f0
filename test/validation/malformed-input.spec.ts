import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FactValidationError, validateFact } from '../../libs/validation';

type Path = ReadonlyArray<string | number>;

const SAMPLE = readFileSync(join(__dirname, '../../examples/facts-sample.ndjson'), 'utf8')
  .split('\n')
  .filter((text) => text !== '')
  .map((text) => JSON.parse(text) as unknown);

/** Every place in a fact a value sits, envelope keys included. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  const here = at.length > 0 ? [at] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => pathsOf(item, [...at, i]))];
  if (typeof value === 'object' && value !== null) return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...at, key]))];
  return here;
}

type Mutation = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'add'; key: string; value: unknown };

function mutate(fact: unknown, path: Path, mutation: Mutation): unknown {
  const copy = structuredClone(fact) as Record<string | number, unknown>;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy);
  const last = path[path.length - 1]!;
  if (mutation.kind === 'set') parent[last] = mutation.value;
  else if (mutation.kind === 'delete' && Array.isArray(parent)) parent.splice(last as number, 1);
  else if (mutation.kind === 'delete') delete parent[last];
  else if (typeof parent[last] === 'object' && parent[last] !== null && !Array.isArray(parent[last])) (parent[last] as Record<string, unknown>)[mutation.key] = mutation.value;
  return copy;
}

const cases = fc.constantFrom(...SAMPLE).chain((fact) => fc.tuple(fc.constant(fact), fc.constantFrom(...pathsOf(fact))));
const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('add' as const), key: fc.string({ maxLength: 12 }), value: fc.jsonValue({ maxDepth: 1 }) }),
);

describe('malformed input', () => {
  it('whatever replaces, removes or adds a field of a valid fact, validation answers with the fact or a FactValidationError naming fields', () => {
    fc.assert(
      fc.property(cases, mutations, ([fact, path], mutation) => {
        const candidate = mutate(fact, path, mutation);
        try {
          validateFact(candidate);
        } catch (error) {
          if (!(error instanceof FactValidationError)) throw error;
          expect(error.errors.length).toBeGreaterThan(0);
          for (const { field, reason } of error.errors) {
            expect(field.length).toBeGreaterThan(0);
            expect(reason.length).toBeGreaterThan(0);
          }
          expect(error.message).toBe(`${error.errors[0]!.field}: ${error.errors[0]!.reason}`);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('a rejected change to a data field is reported under data', () => {
    fc.assert(
      fc.property(cases, fc.jsonValue({ maxDepth: 1 }), ([fact, path], value) => {
        fc.pre(path[0] === 'data' && path.length > 1);
        try {
          validateFact(mutate(fact, path, { kind: 'set', value }));
        } catch (error) {
          if (!(error instanceof FactValidationError)) throw error;
          expect(error.errors.every((e) => e.field.startsWith('data'))).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
