import { printDate, printDocumentNumber, type CircularContent } from '../../projections';
import { assessmentLine, belowTargetLine, lateCommissionsLine, monthSpan, receivedLine, seriousErrorsLine, targetAchievedLine, WHOLE_YEAR_SPAN, zeroAdoptionLine } from './circular-sentences';
import { letterheadHeading, YUXI_LETTERHEAD, type Letterhead } from './letterhead';
import { printedTable, type PrintedTable } from './printed-table';

/**
 * A circular laid out as the source prints it: the letter (heading, document number, title,
 * addressees, body, issuer and date), then the attached table where the kind has one. Every
 * rendering of a circular is a serialisation of this layout.
 */
export interface CircularLayout {
  /** 玉 溪 市 人 民 政 府 办 公 室 */
  readonly heading: string;
  /** 玉政办发〔2018〕50号 */
  readonly documentNumber: string;
  readonly title: string;
  /** ends with the colon, as printed */
  readonly addressee: string;
  /** paragraphs, one line each, in print order */
  readonly body: readonly string[];
  readonly issuer: string;
  /** 2018年1月16日 */
  readonly issueDate: string;
  /**
   * The attachment list, one line each, printed after the body: 附件：统计表 for one, 附件：1．…
   * then 2．… for several (what the ledger attaches first, then the office's own, content version 4).
   */
  readonly attachments: readonly string[];
  /** The table the ledger attaches (annual and monthly circulars), printed after the letter. */
  readonly table: PrintedTable | null;
  /** （此件公开发布）: the office's disclosure note under the date (content version 4), or null. */
  readonly disclosure: string | null;
}

/** Content without the part its kind publishes was not made by circularContent. */
export class IncompleteCircularError extends Error {
  readonly code = 'INCOMPLETE_CIRCULAR';
}

export function circularLayout(content: CircularContent, letterhead: Letterhead = YUXI_LETTERHEAD): CircularLayout {
  const { attached, ...layout } = kindLayout(content, letterhead);
  return {
    ...layout,
    // The office's own paragraphs (content version 3) close the body, before the attachments and the issuer.
    body: [...layout.body, ...(content.paragraphs ?? [])],
    attachments: attachmentList([...(attached ? [attached.title] : []), ...(content.attachments ?? [])]),
    table: attached?.table ?? null,
    disclosure: content.disclosure ? `（${content.disclosure}）` : null,
  };
}

/** 附件：A for one; 附件：1．A, 2．B, … for several, one line each, as the source numbers them. */
function attachmentList(titles: readonly string[]): string[] {
  if (titles.length <= 1) return titles.map((title) => `附件：${title}`);
  return titles.map((title, i) => `${i === 0 ? '附件：' : ''}${i + 1}．${title}`);
}

type KindLayout = Omit<CircularLayout, 'attachments' | 'table' | 'disclosure'> & { readonly attached: { readonly title: string; readonly table: PrintedTable } | null };

function kindLayout(content: CircularContent, letterhead: Letterhead): KindLayout {
  const letter = {
    heading: letterheadHeading(letterhead),
    documentNumber: printDocumentNumber(content.document),
    addressee: `${letterhead.addressees[content.kind]}：`,
    issuer: letterhead.office,
    issueDate: printDate(content.issueDate),
  };
  switch (content.kind) {
    case 'annual':
      return { ...letter, ...annualLetter(content, letterhead) };
    case 'failing':
      return { ...letter, ...failingLetter(content, letterhead), attached: null };
    case 'monthly':
      return { ...letter, ...monthlyLetter(content) };
    case 'assessment':
      return { ...letter, ...assessmentLetter(content), attached: null };
    default: {
      const _: never = content.kind;
      throw new IncompleteCircularError(`kind: ${String(_)} has no printed layout`);
    }
  }
}

type LetterBody = Pick<KindLayout, 'title' | 'body' | 'attached'>;

function annualLetter(content: CircularContent, letterhead: Letterhead): LetterBody {
  const table = required(content, 'table');
  const year = content.period;
  const received = content.received !== undefined && content.adopted !== undefined ? [receivedLine(letterhead.shortName, content.received, content.adopted)] : [];
  return {
    title: `${year}年${WHOLE_YEAR_SPAN}政府系统各县区、各部门政务信息任务完成情况通报`,
    body: [
      ...received,
      belowTargetLine(required(content, 'belowTarget')),
      // Content of version 2 on: the source's 重大失误 and 约稿 sentences.
      ...(content.seriousErrors ? [seriousErrorsLine(content.seriousErrors)] : []),
      ...(content.lateCommissions ? [lateCommissionsLine(content.lateCommissions)] : []),
    ],
    attached: { title: `${year}年${WHOLE_YEAR_SPAN}政务信息采用情况统计表`, table: printedTable(table) },
  };
}

/** The 2018 circular: 玉溪市人民政府办公室关于对未完成2017年度…的市发展改革委等7个单位的通报, then one sentence per unit. */
function failingLetter(content: CircularContent, letterhead: Letterhead): Omit<LetterBody, 'attached'> {
  const units = required(content, 'belowTarget');
  const year = Number(content.period);
  const task = `${year}年度政府系统政务信息工作目标考核任务`;
  if (units.length === 0) {
    return { title: `${letterhead.office}关于${task}完成情况的通报`, body: [`${year}年度未完成全年目标考核任务的单位：无`] };
  }
  const named = units.length === 1 ? units[0].unit : `${units[0].unit}等${units.length}个单位`;
  return {
    // 发文机关 + 关于 + 事由 + 通报, as the source's 2018 circular is titled
    title: `${letterhead.office}关于对未完成${task}的${named}的通报`,
    body: [
      `${basisClause(content)}${letterhead.shortName}对各县区、各部门${task}完成情况按月进行了通报及督促落实，现对未完成全年目标考核任务的${named}进行通报批评：`,
      ...units.map((unit) => targetAchievedLine(unit, year)),
    ],
  };
}

/** 按照《玉溪市人民政府办公室关于…的通知》（玉政办电〔2017〕1号）的要求， (content version 3 on). */
function basisClause(content: CircularContent): string {
  if (!content.basis) return '';
  const number = content.basis.document ? `（${printDocumentNumber(content.basis.document)}）` : '';
  return `按照《${content.basis.title}》${number}的要求，`;
}

function monthlyLetter(content: CircularContent): LetterBody {
  const view = required(content, 'monthly');
  const span = `${view.year}年${monthSpan(view.month)}`;
  return {
    title: `${span}政府系统各县区、各部门政务信息任务完成情况通报`,
    body: [zeroAdoptionLine(view)],
    attached: { title: `${span}政务信息采用情况统计表`, table: printedTable(view) },
  };
}

/** 年度综合考核: the scheme's deduction for every unit that did not complete its task. */
function assessmentLetter(content: CircularContent): Omit<LetterBody, 'attached'> {
  const units = required(content, 'assessment');
  const year = Number(content.period);
  return {
    title: `关于${year}年度政府系统政务信息工作年度综合考核扣分情况的通报`,
    body:
      units.length === 0
        ? [`${year}年度未完成目标考核任务、年度综合考核扣分的单位：无`]
        : [`${year}年政务信息列为全市年度考核内容，对未完成目标考核任务的单位年度综合考核扣分如下：`, ...units.map((unit) => assessmentLine(unit, year))],
  };
}

function required<K extends 'table' | 'belowTarget' | 'monthly' | 'assessment'>(content: CircularContent, part: K): NonNullable<CircularContent[K]> {
  const value = content[part];
  if (value === undefined || value === null) throw new IncompleteCircularError(`${part}: a ${content.kind} circular's content has no ${part}`);
  return value as NonNullable<CircularContent[K]>;
}
