import { IsArray } from 'class-validator';
import { compose, orRequired, Rule, type Problem } from './problem';
import { keyProblem, oneOfReason, textProblem } from './scalars';

/** Checks one element of a list; returns the reason it is bad, or null. */
export type ElementCheck = (element: unknown) => string | null;

export const keyElement: ElementCheck = keyProblem;
export const nameElement: ElementCheck = (element) => textProblem(element, 200, true);
/** A paragraph of a letter: one line of up to 2,000 characters. */
export const paragraphElement: ElementCheck = (element) => textProblem(element, 2000, true);
export function oneOfElement(values: readonly unknown[]): ElementCheck {
  return (element) => (values.includes(element) ? null : oneOfReason(values));
}

export interface ListOptions {
  readonly minSize?: number;
  /** Every element at most once (aliases, contributors, tie criteria). */
  readonly unique?: boolean;
  /** A sibling string property no element may equal, and why (the lead unit among contributors). */
  readonly notSibling?: { readonly property: string; readonly reason: string };
}

/**
 * A list of scalars, checked in one rule so that the error names the element (`aliases[1]`)
 * rather than the whole list.
 */
export function ListOf(element: ElementCheck, options: ListOptions = {}): PropertyDecorator {
  return compose(
    IsArray({ message: orRequired('must be a list') }),
    Rule('listElements', (value, args): Problem | string | null => {
      const list = value as unknown[];
      const minSize = options.minSize ?? 0;
      if (list.length < minSize) return `must list at least ${minSize}`;
      const seen = new Set<unknown>();
      const sibling = options.notSibling ? (args.object as Record<string, unknown>)[options.notSibling.property] : undefined;
      for (let i = 0; i < list.length; i += 1) {
        const item = list[i];
        const bad = element(item);
        if (bad) return { at: `[${i}]`, reason: bad };
        if (options.notSibling && item === sibling) return { at: `[${i}]`, reason: options.notSibling.reason };
        if (options.unique && seen.has(item)) return { at: `[${i}]`, reason: 'is listed twice' };
        seen.add(item);
      }
      return null;
    }),
  );
}
