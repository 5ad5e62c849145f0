import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/**
 * How every benchmark prints: one Markdown table of figures measured in the same run, each with its
 * target and PASS/FAIL where it has one.
 */
export type Figure = { figure: string; value: string; target?: string; pass?: boolean };

/** A Markdown table, the first column left-aligned, the others right-aligned. */
export function markdownTable(header: readonly string[], rows: readonly string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function figuresTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [f.figure, f.value, f.target ?? '-', f.pass === undefined ? '' : f.pass ? 'PASS' : 'FAIL']);
  return markdownTable(['figure', 'value', 'target', 'result'], rows);
}

/** Whole numbers with thousands separators from 100 up, two decimals below. */
export function formatNumber(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}

/** The machine's load average, printed beside the figures (other processes share its cores). */
export const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * This process's peak resident memory, MiB: the kernel's high-water mark for its own address space
 * (VmHWM in /proc/self/status). Not getrusage's maxRSS, which on Linux a child keeps from before its
 * exec: a child forked beside a large parent reports at least the parent's resident memory at the
 * fork. Elsewhere (no /proc), maxRSS.
 */
export function peakRssMiB(status: () => string = () => readFileSync('/proc/self/status', 'utf8')): number {
  let text = '';
  try {
    text = status();
  } catch {
    // no /proc: not Linux
  }
  const kB = /^VmHWM:\s+(\d+) kB$/m.exec(text);
  return kB ? Number(kB[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}
