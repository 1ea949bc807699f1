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
