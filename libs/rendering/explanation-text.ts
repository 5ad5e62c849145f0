import type { Explanation } from '../../projections';

/** The explanation for people: one line per point, with the running total. */
export function explanationToText(explanation: Explanation): string {
  const period = explanation.month ?? String(explanation.year);
  const lines = [
    `${explanation.unit} (${explanation.unitId}) ${period}: total ${explanation.total}, as of position ${explanation.asOf.position}${explanation.asOf.recordedAt ? ` (${explanation.asOf.recordedAt})` : ''}`,
  ];
  for (const item of explanation.items) {
    const corrections = item.corrections.map((c) => ` [${c.correction} ${c.factId}${c.corrects === item.factId ? '' : ` of ${c.corrects}`}${c.live ? '' : ' (voided)'}: ${c.reason}]`).join('');
    const version = item.schemeVersion === null ? '' : ` v${item.schemeVersion}`;
    lines.push(`${item.validDate}  ${String(item.points).padStart(5)}  ${String(item.runningTotal).padStart(6)}  ${item.kind}${version}  ${item.rule}  ${item.factId}${corrections}`);
  }
  return `${lines.join('\n')}\n`;
}
