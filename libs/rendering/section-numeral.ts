/**
 * The printed tables number their sections 一、二、三、四 (SPEC.md section 3: the groups in the
 * order the table prints them); a scheme with more groups than ten falls back to Arabic numerals.
 */
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function sectionNumeral(index: number): string {
  return NUMERALS[index] ?? String(index + 1);
}
