/**
 * Form handling shared by every page: reading fields, and errors in the shape of the GOV.UK error summary
 * (every error listed at the top of the page, linked to its field, and shown again beside the field).
 */
import type { Request } from 'express';

/** Field name → message. Order is the order the summary lists them: keep it the order of the form. */
export type FormErrors = Record<string, string>;

export function errorSummary(errors: FormErrors): { text: string; href: string }[] {
  return Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` }));
}

/** The `errorMessage` option of a GOV.UK component for a field, or false when it has no error. */
export function errorFor(errors: FormErrors | undefined, field: string): { text: string } | false {
  const text = errors?.[field];
  return text ? { text } : false;
}

/** Characters no keyboard types and a database cannot hold (NUL and the other C0 controls but tab and new lines). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A form field's text as a person could have typed it: controls removed, broken Unicode made whole (U+FFFD). */
export function cleanText(value: string): string {
  return value.replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd');
}

/**
 * Middleware: cleans every field of a posted form (see cleanText) before any route reads it, so no form can
 * carry a NUL or half a surrogate pair into a query or the database.
 */
export function cleanFormBody(req: Request, _res: unknown, next: () => void): void {
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      if (typeof v === 'string') body[k] = cleanText(v);
      else if (Array.isArray(v)) body[k] = v.map((x) => (typeof x === 'string' ? cleanText(x) : x));
    }
  }
  next();
}

/** A form field's text, trimmed ('' when absent or not text). */
export function text(req: Request, name: string): string {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** A multi-value field (checkboxes) as a list of strings. */
export function list(req: Request, name: string): string[] {
  const v = (req.body as Record<string, unknown> | undefined)?.[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' && v !== '' ? [v] : [];
}

/** Only local paths are followed after sign-in (never another site). */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}
