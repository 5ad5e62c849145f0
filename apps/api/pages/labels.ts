import type { CircularKind, FactKind } from '../../../events';

// What the pages call things: the office's words for fact kinds, circular kinds and table cells.

/** Every fact kind by its Chinese name (the history form lists them all). */
export const FACT_KIND_LABELS: Record<string, string> = {
  InformationSubmitted: '报送', InformationAdopted: '采用', LeaderInstructionRecorded: '领导批示', CommissionRequested: '约稿',
  CommissionMissed: '约稿未报', ReportingFailureRecorded: '迟报漏报瞒报', FalseInformationRecorded: '信息失实', QuotaSettled: '年终结算',
  FactCorrected: '更正', CircularIssued: '通报', SchemePublished: '考核方案', SchemeAmended: '方案修订', UnitRegistered: '单位登记',
  UnitAliasAdded: '单位别名', UnitRenamed: '单位更名', UnitEnrolled: '列入考核', UnitWithdrawn: '退出考核', UnitTierChanged: '考核档次调整',
  UnitGroupChanged: '考核组别调整', DirectReportingPointDesignated: '确定直报点', DirectReportingPointWithdrawn: '取消直报点',
} satisfies Record<FactKind, string>;

/** A fact in one line of the history: a correction's effect and reason, else its title, description or reason. */
export function describeFact(type: string, data: unknown, targetPosition: number | undefined): string {
  const d = data as Record<string, unknown>;
  if (type === 'FactCorrected') return `${d.correction === 'void' ? '作废' : '更正'}位置 ${targetPosition ?? '?'} 的事实：${String(d.reason)}`;
  const text = [d.title, d.subject, d.description, d.reason, d.name, d.alias].find((v) => typeof v === 'string');
  return typeof text === 'string' ? text : '';
}

/** The circulars' kinds as the office names them. */
export const CIRCULAR_KIND_LABELS: Record<CircularKind, string> = { annual: '年度统计通报', failing: '未完成任务通报', monthly: '月度通报', assessment: '综合考核扣分通报' };

/** The printed table's column names for the restatement's cells. */
export const CELL_LABELS: Record<string, string> = {
  target: '考核任务（分）', cityAdopted: '市办采用（条）', cityPoints: '市办得分（分）', provincialAdopted: '省办采用（条）', bonus: '加（减）分（分）', total: '得分（分）', rank: '排名', listed: '列入表内',
  zeroAdoption: '信息采用为零', seriousError: '信息报送出现重大失误', lateCommission: '未按规定时限报送约稿信息', achieved: '完成分值（分）', deduction: '综合考核扣分',
};
