/**
 * `ledger --store <url> <command> …` is read as `ledger <command> … --store <url>`: the flag is
 * every command's, and a script may well put it first.
 */
export function storeFlagFirst(argv: readonly string[]): string[] {
  const [node, script, first, ...rest] = argv;
  if (first === '--store' && rest.length > 1) return [node, script, ...rest.slice(1), '--store', rest[0]];
  if (first?.startsWith('--store=') && rest.length > 0) return [node, script, ...rest, first];
  return [...argv];
}
