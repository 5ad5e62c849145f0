import { BadRequestException } from '@nestjs/common';
import { AsOfError, type ScoringProjection } from '../projections/scoring-projection';

/** `asOf` to a ledger position; a position beyond the head is the request's fault (400, field asOf). */
export function positionFor(views: ScoringProjection, asOf: string | undefined): number {
  try {
    return views.positionFor(asOf);
  } catch (error) {
    if (!(error instanceof AsOfError)) throw error;
    const reason = error.message.replace(/^--as-of: /, '');
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `asOf: ${reason}`, errors: [{ field: 'asOf', reason }] });
  }
}
