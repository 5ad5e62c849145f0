import { plainToInstance, Transform, Type, type ClassTransformOptions } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { compose, isJsonObject, Rule, type Problem } from './problem';
import { OneOf } from './scalars';

/** A DTO class: class-validator finds a value's rules through its constructor. */
export type DtoClass<T extends object = object> = new () => T;

/**
 * Classes with nested DTOs go through class-transformer; flat ones (most fact kinds) are filled
 * with Object.assign, which is several times faster and gives the same instance. Marked when the
 * nested decorators below are applied, so the choice is made once per class, not per call.
 */
const NEEDS_TRANSFORM = new WeakSet<object>();
const TRANSFORM_OPTIONS: ClassTransformOptions = Object.freeze({ enableImplicitConversion: false });

/** Callers first reject prototype keys and list holes (envelope.ts): Object.assign would set a prototype. */
export function hydrate<T extends object>(cls: DtoClass<T>, raw: Record<string, unknown>): T {
  return NEEDS_TRANSFORM.has(cls) ? plainToInstance(cls, raw, TRANSFORM_OPTIONS) : Object.assign(new cls(), raw);
}

const markNested: PropertyDecorator = (target) => {
  NEEDS_TRANSFORM.add(target.constructor);
};

function objectProblem(value: unknown): string | null {
  if (isJsonObject(value)) return null;
  if (value === undefined) return 'is required';
  return Array.isArray(value) ? 'must be an object, not a list' : 'must be an object';
}

function listOfObjectsProblem(value: unknown, minSize: number): Problem | string | null {
  if (!Array.isArray(value)) return value === undefined ? 'is required' : 'must be a list';
  if (value.length < minSize) return `must list at least ${minSize}`;
  const bad = value.findIndex((element) => !isJsonObject(element));
  return bad < 0 ? null : { at: `[${bad}]`, reason: objectProblem(value[bad])! };
}

/** One nested object of a fixed DTO class. */
export function NestedObject(type: () => DtoClass): PropertyDecorator {
  return compose(markNested, Type(type), Rule('isObject', objectProblem), ValidateNested());
}

/** A list of nested objects of one DTO class. */
export function ListOfObjects(type: () => DtoClass, options: { minSize?: number } = {}): PropertyDecorator {
  const minSize = options.minSize ?? 0;
  return compose(markNested, Type(type), Rule('isListOfObjects', (value) => listOfObjectsProblem(value, minSize)), ValidateNested());
}

/**
 * The class that stands in for an unknown variant. It carries only the discriminator, so the one
 * error is "mode: must be one of fixed, multiple" and not a list of fields foreign to no variant.
 */
function unknownVariantClass(discriminator: string, tags: readonly string[]): DtoClass {
  class UnknownVariant {}
  OneOf(tags)(UnknownVariant.prototype, discriminator);
  return UnknownVariant;
}

/**
 * A discriminated union (`mode: 'fixed' | 'multiple'`): the DTO class is chosen from the
 * discriminator before validating, so a field of the wrong variant is named as unknown and a
 * missing one as required. class-transformer's own discriminator option is not used: it deletes
 * the discriminator from the input and throws on a null list element.
 */
export function Variant(discriminator: string, variants: Readonly<Record<string, DtoClass>>, options: { each?: boolean; minSize?: number } = {}): PropertyDecorator {
  const Unknown = unknownVariantClass(discriminator, Object.keys(variants));
  const pick = (raw: unknown): unknown => {
    if (!isJsonObject(raw)) return raw;
    const tag = raw[discriminator];
    const cls = typeof tag === 'string' && Object.hasOwn(variants, tag) ? variants[tag] : undefined;
    if (cls) return hydrate(cls, raw);
    const unknown: Record<string, unknown> = new Unknown() as Record<string, unknown>;
    unknown[discriminator] = tag;
    return unknown;
  };
  const shape = options.each
    ? Rule('isListOfObjects', (value) => listOfObjectsProblem(value, options.minSize ?? 0))
    : Rule('isObject', objectProblem);
  return compose(
    markNested,
    Transform(({ obj, key }) => {
      const raw = (obj as Record<string, unknown>)[key];
      return options.each && Array.isArray(raw) ? raw.map(pick) : pick(raw);
    }, { toClassOnly: true }),
    shape,
    ValidateNested(),
  );
}
