import { BadRequestException } from '@nestjs/common';
import { AsOfError, type ScoringProjection } from '../projections/scoring-projection';

/** `asOf` (or another field naming a moment) to a ledger position; a position beyond the head is the request's fault (400, naming the field). */
export function positionFor(views: ScoringProjection, asOf: string | undefined, field = 'asOf'): number {
  return asRequestError(() => views.positionFor(asOf, field));
}

/** History's `since` (a position, a time or a circular's id) to the position after which facts are listed. */
export function sincePosition(views: ScoringProjection, since: string): number {
  return asRequestError(() => views.sincePosition(since, 'since'));
}

function asRequestError(read: () => number): number {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof AsOfError)) throw error;
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: error.message, errors: [{ field: error.flag, reason: error.reason }] });
  }
}
