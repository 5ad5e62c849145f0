import type { CircularKind } from '../../events';

/**
 * Who issues the circulars and to whom. The canonical content carries what is published about the
 * units; the office's own name and distribution lists are stationery, so they are a parameter of
 * the rendering (another office renders with its own), defaulting to Yuxi's as in the source.
 */
export interface Letterhead {
  /** 玉溪市人民政府办公室: printed spaced out at the top and as the issuer at the foot */
  readonly office: string;
  /** 市政府办公室: how the body of a circular names the office */
  readonly shortName: string;
  /** the addressee line of each kind, without the closing colon */
  readonly addressees: Readonly<Record<CircularKind, string>>;
}

/** The source's statistics circular (附件3) and its 2018 criticism circular address different lists. */
const STATISTICS_ADDRESSEES = '各县区人民政府，市直各委、办、局，中央、省驻玉有关单位';
const NOTICE_ADDRESSEES = '各县区人民政府，市直各委、办、局，各人民团体和企事业单位，中央、省驻玉单位';

export const YUXI_LETTERHEAD: Letterhead = {
  office: '玉溪市人民政府办公室',
  shortName: '市政府办公室',
  addressees: { annual: STATISTICS_ADDRESSEES, monthly: STATISTICS_ADDRESSEES, failing: NOTICE_ADDRESSEES, assessment: NOTICE_ADDRESSEES },
};

/** 玉 溪 市 人 民 政 府 办 公 室: the red heading of the office's documents. */
export function letterheadHeading(letterhead: Letterhead): string {
  return [...letterhead.office].join(' ');
}
