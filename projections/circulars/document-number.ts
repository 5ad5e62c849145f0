import type { DocumentNumber } from '../../events';

/** Official printed forms: 玉政办发〔2018〕50号 and 2018年1月23日. */
export function printDocumentNumber(document: DocumentNumber): string {
  return `${document.issuer}〔${document.year}〕${document.number}号`;
}

export class DocumentNumberError extends Error {
  readonly code = 'BAD_DOCUMENT_NUMBER';
}

/** Parses 玉政办发〔2018〕50号 (also with [ ] or 〔〕 and without 号) into its stored parts. */
export function parseDocumentNumber(text: string): DocumentNumber {
  const match = /^(\S+?)[〔[［(（](\d{4})[〕\]］)）](\d+)号?$/.exec(text.trim());
  if (!match) throw new DocumentNumberError(`--number: ${text} is not a document number like 玉政办发〔2018〕50号`);
  return { issuer: match[1], year: Number(match[2]), number: Number(match[3]) };
}

export function printDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
