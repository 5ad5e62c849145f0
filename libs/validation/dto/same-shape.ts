import type { FactKind, FactOf } from '../../../events';

/**
 * Compile-time guard that a DTO declares exactly the keys of the type it validates: `implements`
 * catches a missing or mistyped field, this catches an extra one. `const _x: SameKeys<A, B> = true`
 * fails to compile (naming the keys) when events/*.ts and the DTOs drift apart.
 */
export type SameKeys<Dto, Shape> = [Exclude<keyof Dto, keyof Shape>, Exclude<keyof Shape, keyof Dto>] extends [never, never]
  ? true
  : { extra: Exclude<keyof Dto, keyof Shape>; missing: Exclude<keyof Shape, keyof Dto> };

/** `implements DataOf<'UnitRegistered'>`: a class may not implement an indexed access type directly. */
export type DataOf<K extends FactKind> = FactOf<K>['data'];
