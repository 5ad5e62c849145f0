import type { ValidationError } from 'class-validator';
import type { FieldError } from './field-error';
import { decodeProblem } from './rules/problem';

/**
 * class-validator's error tree to flat `FieldError`s with full paths. Array elements come back as
 * children named '0', '1', ... under the list's error; they become `[0]`, `[1]`.
 */
export function fieldErrorsOf(errors: readonly ValidationError[], prefix: string): FieldError[] {
  const out: FieldError[] = [];
  collect(errors, prefix, false, out);
  return out;
}

function collect(errors: readonly ValidationError[], prefix: string, inList: boolean, out: FieldError[]): void {
  for (const error of errors) {
    const path = inList ? `${prefix}[${error.property}]` : `${prefix}${member(error.property)}`;
    if (error.constraints) {
      // stopAtFirstError leaves one constraint per property: the first that failed.
      const [type, message] = Object.entries(error.constraints)[0]!;
      out.push(toFieldError(path, type, message));
    }
    if (error.children?.length) collect(error.children, path, Array.isArray(error.value), out);
  }
}

function toFieldError(path: string, type: string, message: string): FieldError {
  switch (type) {
    case 'whitelistValidation':
      return { field: path, reason: 'unknown field' };
    case 'nestedValidation':
    case 'unknownValue':
      return { field: path, reason: 'must be an object' };
    default: {
      const problem = decodeProblem(message);
      return { field: problem.at ? `${path}${problem.at}` : path, reason: problem.reason };
    }
  }
}

/** `.name`, or `["odd key"]` for a key that would not read as a path segment. */
export function member(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
