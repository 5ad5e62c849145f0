import { asOfStamp, restatedContent, type AsOfStamp, type RestatedUnit } from '../../projections';
import type { CircularDesk } from '../circulars/circular-desk';
import type { ScoringProjection } from '../projections/scoring-projection';

export interface Restatement {
  readonly circularId: string;
  readonly kind: string;
  readonly published: AsOfStamp;
  readonly now: AsOfStamp;
  readonly units: RestatedUnit[];
}

/**
 * An issued circular "as published" beside the same circular as the ledger derives it now: its
 * table cell by cell (annual, monthly) and the units it names with their figures (zero adoption,
 * below target, assessment), with the facts that made each difference (`ledger circular
 * restatement`, the web page).
 */
export function restateCircular(desk: CircularDesk, views: ScoringProjection, id: string): Restatement {
  const circular = desk.find(id);
  const [published, now] = [desk.contentOf(circular), desk.contentOf(circular, views.model.position)];
  const { model } = views;
  return { circularId: circular.data.circularId, kind: circular.data.kind, published: asOfStamp(model, published.asOf.position), now: asOfStamp(model, now.asOf.position), units: restatedContent(model, published, now) };
}

/** The text form, one line per unit and one per fact. */
export function restatementToText(restated: Restatement): string {
  const lines = [`${restated.circularId}: as published (position ${restated.published.position}) beside now (position ${restated.now.position}); ${restated.units.length} units differ`];
  for (const unit of restated.units) {
    lines.push(`${unit.unit}: ${unit.cells.map((c) => `${c.cell} ${c.published ?? '—'} → ${c.now ?? '—'}`).join(', ')}`);
    for (const fact of unit.facts) lines.push(`  ${fact.position} ${fact.type} ${fact.validDate ?? ''} by ${fact.recordedBy} at ${fact.recordedAt}${fact.corrects ? ` (corrects ${fact.corrects})` : ''} ${fact.id}`);
  }
  return `${lines.join('\n')}\n`;
}
