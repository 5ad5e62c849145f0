/**
 * Where two JSON values differ, as paths (`table.groups[1].rows[10].total`) with both values:
 * what `circular verify` prints when a re-derived circular is not byte for byte the published one.
 */
export interface Difference {
  readonly path: string;
  readonly published: unknown;
  readonly now: unknown;
}

export function differences(published: unknown, now: unknown, path = ''): Difference[] {
  if (Object.is(published, now)) return [];
  if (Array.isArray(published) && Array.isArray(now)) {
    const out: Difference[] = [];
    for (let i = 0; i < Math.max(published.length, now.length); i++) out.push(...differences(published[i], now[i], `${path}[${i}]`));
    return out;
  }
  if (isObject(published) && isObject(now)) {
    const keys = [...new Set([...Object.keys(published), ...Object.keys(now)])].sort();
    return keys.flatMap((key) => differences(published[key], now[key], path === '' ? key : `${path}.${key}`));
  }
  return [{ path: path === '' ? '(content)' : path, published, now }];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
