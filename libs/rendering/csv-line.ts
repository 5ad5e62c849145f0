/** One CSV record (RFC 4180 quoting): blank for null, quotes only where a field needs them. */
export function csvLine(values: ReadonlyArray<string | number | null>): string {
  return values.map(csvField).join(',');
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
