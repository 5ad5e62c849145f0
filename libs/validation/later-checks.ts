import { instantKey } from '../../projections';

/**
 * Checks added in a later version apply to facts recorded from then on; a fact restored from an
 * export with an earlier recorded time was decided under the checks of its time and is taken as it
 * stands where only a later check would refuse it, so every export still imports.
 *
 * Whether a fact is "restored from before" is read from its recorded time against the instant the
 * checks began, not from the mere presence of a recorded time: an input stamped with the current
 * time (a conversion tool stamping each line as it writes it) is decided under every check. The
 * input cannot move that time: a restored time may not precede the last recorded fact nor follow
 * the clock (the ledger's decide step).
 *
 * The checks of 2026-12-04 began with the first day after they were written: a commission answered
 * or missed by the unit it was asked of, on or after the day, while the request stands; a
 * replacement keeping a commission's id; text that is UTF-8; an amendment leaving no recorded fact
 * of its dates without its rate, level or range; a void of a correction bringing back only content
 * the scheme in force takes; a ranged deduction carrying its amount; a settlement recorded only
 * once its year has closed. Facts an older version recorded after that instant, before this one
 * was deployed, are held to them on a restore.
 */
export const LATER_CHECKS_FROM = '2026-12-05T00:00:00.000Z';

/** A restored recorded time from before the later checks began (any other value: decided under them). */
export function decidedBeforeLaterChecks(recordedAt: unknown): boolean {
  return typeof recordedAt === 'string' && !Number.isNaN(Date.parse(recordedAt)) && instantKey(recordedAt) < LATER_CHECKS_FROM;
}
