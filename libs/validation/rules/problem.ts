import { ValidateBy, ValidateIf, type ValidationArguments } from 'class-validator';

/**
 * What a rule found wrong. `at` names a place inside the property (`[2]`, `.merged[1][0]`) when the
 * rule checks a whole list or a small union in one go, so the error can still name the exact field.
 */
export interface Problem {
  readonly at?: string;
  readonly reason: string;
}

/** A check returns null when the value is fine. */
export type Check = (value: unknown, args: ValidationArguments) => Problem | string | null;

/**
 * class-validator carries only a message string from a constraint to its error, so a sub-path is
 * packed into the message and unpacked again by error-paths.ts. NUL cannot occur in our reasons.
 */
const SUB_PATH_MARK = '\u0000';

export function encodeProblem(problem: Problem | string): string {
  if (typeof problem === 'string') return problem;
  return problem.at ? `${SUB_PATH_MARK}${problem.at}${SUB_PATH_MARK}${problem.reason}` : problem.reason;
}

export function decodeProblem(message: string): Problem {
  if (!message.startsWith(SUB_PATH_MARK)) return { reason: message };
  const end = message.indexOf(SUB_PATH_MARK, 1);
  return { at: message.slice(1, end), reason: message.slice(end + 1) };
}

/** A custom constraint from a check function. The check runs again only to word a failure. */
export function Rule(name: string, check: Check): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => check(value, args!) === null,
      defaultMessage: (args?: ValidationArguments) => encodeProblem(check(args!.value, args!) ?? 'is invalid'),
    },
  });
}

/**
 * Applies decorators in the order given. Order matters: with `stopAtFirstError` the first failing
 * constraint of a property is the one reported (type before range, presence before type).
 * Every DTO property goes through here, which also registers its class for the rule cache.
 */
export function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };
}

/** The reason for a failed type check, or "is required" when the key is missing altogether. */
export function orRequired(reason: string): (args: ValidationArguments) => string {
  return (args) => (args.value === undefined ? 'is required' : reason);
}

/**
 * Required but nullable: the key must be present, null meaning "none". Absent and null are not
 * both accepted, so two spellings of one content cannot differ when an import is compared with
 * what is stored (idempotency is by content).
 */
export function Nullable(inner: PropertyDecorator): PropertyDecorator {
  return compose(
    ValidateIf((_object: unknown, value: unknown) => value !== null),
    Rule('isPresent', (value) => (value === undefined ? 'is required (null when there is none)' : null)),
    inner,
  );
}

/** Optional keys (`document?`) may be left out; null is not a spelling of "absent". */
export function Optional(inner: PropertyDecorator): PropertyDecorator {
  return compose(
    ValidateIf((_object: unknown, value: unknown) => value !== undefined),
    inner,
  );
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
