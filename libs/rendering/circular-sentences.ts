import { partOfYear, type MonthlyView, type UnitTarget } from '../../projections';

/**
 * The sentences the circulars print about units, in the source's wording. One function per
 * sentence so that every rendering (HTML, XLSX, Markdown) prints the same words.
 */

/** 1－12月 in a circular's text (the source's text uses the full-width dash; its table titles do not). */
export const WHOLE_YEAR_SPAN = '1－12月';

/** 3月 from 2017-03 */
export function monthSpan(month: string, dash = '－'): string {
  const period = partOfYear(month);
  if (period === null) return month;
  return period.fromMonth === period.toMonth ? `${period.fromMonth}月` : `${period.fromMonth}${dash}${period.toMonth}月`;
}

/** Names joined by 、 and closed by 。, or 无 (as the source prints an empty list). */
export function unitList(units: ReadonlyArray<{ unit: string }>): string {
  return units.length === 0 ? '无' : `${units.map((u) => u.unit).join('、')}。`;
}

/** 1－12月未完成考核任务的单位：市发展改革委、…、市地税局。 */
export function belowTargetLine(units: ReadonlyArray<{ unit: string }>): string {
  return `${WHOLE_YEAR_SPAN}未完成考核任务的单位：${unitList(units)}`;
}

/** 1－12月信息报送出现重大失误的单位：无 */
export function seriousErrorsLine(units: ReadonlyArray<{ unit: string }>): string {
  return `${WHOLE_YEAR_SPAN}信息报送出现重大失误的单位：${unitList(units)}`;
}

/** 1－12月未按规定时限报送约稿信息的单位：无 */
export function lateCommissionsLine(units: ReadonlyArray<{ unit: string }>): string {
  return `${WHOLE_YEAR_SPAN}未按规定时限报送约稿信息的单位：${unitList(units)}`;
}

/** 1－12月市政府办公室共收到各县区、各部门报送的信息8547篇，各刊物采用2427篇。 */
export function receivedLine(office: string, received: number, adopted: number): string {
  return `${WHOLE_YEAR_SPAN}${office}共收到各县区、各部门报送的信息${received}篇，各刊物采用${adopted}篇。`;
}

/** The 2018 circular's form: 市发展改革委：年度工作目标考核任务分值400分，2017年1月1日-12月31日完成373分。 */
export function targetAchievedLine(unit: UnitTarget, year: number): string {
  return `${unit.unit}：${targetAchievedClause(unit, year)}。`;
}

/**
 * 市发展改革委：年度工作目标考核任务分值400分，2017年1月1日-12月31日完成373分，年度综合考核扣1分。
 * The deduction is the scheme's signed points (-1): 扣 says the sign, the figure is its size.
 */
export function assessmentLine(unit: UnitTarget & { deduction: number }, year: number): string {
  return `${unit.unit}：${targetAchievedClause(unit, year)}，年度综合考核扣${Math.abs(unit.deduction)}分。`;
}

function targetAchievedClause(unit: UnitTarget, year: number): string {
  return `年度工作目标考核任务分值${unit.target}分，${year}年1月1日-12月31日完成${unit.achieved}分`;
}

/** 3月信息采用为零的单位：…。 (二、（一）: the office names every unit with no adoption that month) */
export function zeroAdoptionLine(view: MonthlyView): string {
  return `${monthSpan(view.month)}信息采用为零的单位：${unitList(view.zeroAdoption)}`;
}
