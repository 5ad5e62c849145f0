import { escapeHtml } from '../../../libs/rendering';

/** Markup that is already safe (made by `html` or by a renderer that escapes its data). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

function piece(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(piece).join('');
  return escapeHtml(String(part));
}

/** Every interpolated value is escaped unless it is SafeHtml: a unit name can never become markup. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): SafeHtml {
  let out = strings[0];
  parts.forEach((part, i) => (out += piece(part) + strings[i + 1]));
  return new SafeHtml(out);
}

/** A renderer's output (libs/rendering escapes its own data). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
