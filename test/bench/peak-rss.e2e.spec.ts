import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { peakRssMiB } from '../../apps/bench/report';

describe("the benches' peak memory", () => {
  it("reads the kernel's high-water mark (VmHWM) from the process status, in MiB", () => {
    const status = 'Name:\tnode\nVmPeak:\t 9999999 kB\nVmHWM:\t  716800 kB\nVmRSS:\t  512000 kB\n';
    expect(peakRssMiB(() => status)).toBe(700);
  });

  it('falls back to maxRSS where there is no such status', () => {
    const before = process.resourceUsage().maxRSS / 1024;
    const fallback = peakRssMiB(() => {
      throw new Error('ENOENT');
    });
    const after = process.resourceUsage().maxRSS / 1024; // the process may grow in between
    expect(fallback).toBeGreaterThanOrEqual(before);
    expect(fallback).toBeLessThanOrEqual(after);
    expect(peakRssMiB(() => 'Name:\tnode\n')).toBeGreaterThanOrEqual(before); // a status without VmHWM
  });

  (existsSync('/proc/self/status') ? it : it.skip)("gives a child started beside a large parent its own peak, not the parent's resident memory", () => {
    // The parent holds 400 MiB, touched; the child (the built report module) allocates nothing.
    // getrusage's maxRSS in the child reports the parent's 400 MiB and more: Linux keeps it across
    // the fork and exec.
    const report = join(__dirname, '../../dist/apps/bench/report.js');
    if (!existsSync(report)) throw new Error('dist/ is missing: run `npm run build` (npm test does) before this test');
    const child = `console.log(JSON.stringify({ peak: require(${JSON.stringify(report)}).peakRssMiB(), maxRss: process.resourceUsage().maxRSS / 1024 }))`;
    const parent = `
      const big = Buffer.alloc(400 * 2 ** 20, 1);
      const out = require('node:child_process').execFileSync(process.execPath, ['-e', ${JSON.stringify(child)}], { encoding: 'utf8' });
      console.log(JSON.stringify({ child: JSON.parse(out), big: big.length }));
    `;
    const { child: measured } = JSON.parse(execFileSync(process.execPath, ['-e', parent], { encoding: 'utf8' })) as { child: { peak: number; maxRss: number } };
    expect(measured.maxRss).toBeGreaterThan(400);
    expect(measured.peak).toBeGreaterThan(10);
    expect(measured.peak).toBeLessThan(200);
  });
});
