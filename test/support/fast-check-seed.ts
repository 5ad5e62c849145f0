import * as fc from 'fast-check';

/**
 * One seed for every property of the suite (jest `setupFiles`, run before each test file), so a
 * run is reproducible: a property that fails, fails on every run and on every machine, not on
 * some runs only. fast-check still prints the seed and path of a failure for `fc.assert(..., {
 * seed, path })`.
 *
 * - FC_SEED=<integer>: another fixed seed (the one a failure report names, to replay it);
 * - FC_SEED=random: fast-check's own random seed per property, for a wider search (with
 *   PROPERTY_RUNS=500, say); a failure report then names the seed to fix it with.
 *
 * The default is the day the source's statistics close: 2017-12-31.
 */
const DEFAULT_SEED = 20171231;
const requested = process.env.FC_SEED?.trim();

if (requested === 'random') {
  process.stderr.write('fast-check: FC_SEED=random, each property draws its own seed (printed on failure)\n');
} else {
  const seed = requested === undefined || requested === '' ? DEFAULT_SEED : Number(requested);
  // fast-check takes a 32-bit integer; anything else would be silently truncated or ignored.
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 31) {
    throw new Error(`FC_SEED must be a 32-bit integer or "random", not ${JSON.stringify(requested)}`);
  }
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
  if (requested !== undefined && requested !== '') process.stderr.write(`fast-check: seed ${seed} (FC_SEED)\n`);
}
