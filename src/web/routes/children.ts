/**
 * Find a child (/children), add a person after a duplicate check (/children/new), the child's record
 * (/children/:id), one chronology (/children/:id/chronology, filtered by GET so the same address prints and
 * exports the same view), a significant event added by hand, and the chronology as a PDF for court or a
 * conference. Routes parse and render; repositories check access and log every view, search and export.
 */
import { join } from 'node:path';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Database } from '../../db/database.js';
import { checkNewPerson, checkSignificantEvent, MAX_DESCRIPTION, MAX_TITLE, type NewPersonForm, type SignificantEventForm } from '../../domain/children/forms.js';
import { STATUS_TAGS } from '../../domain/children/status.js';
import {
  CHRONOLOGY_KINDS,
  chronologyFilterQuery,
  dateFromParts,
  KIND_IDS,
  parseChronologyFilter,
  type ChronologyEntry,
  type DateParts,
} from '../../domain/chronology/index.js';
import { codeLists } from '../../domain/codes/code-lists.js';
import { londonDate, longDate, toLondon } from '../../domain/time/london.js';
import { projectRoot } from '../../project-root.js';
import { childChronology } from '../../repositories/child-chronology.js';
import {
  addPerson,
  addSignificantEvent,
  childRecordPage,
  findChildren,
  fullName,
  possibleDuplicates,
  significantEventContext,
  type SearchTerms,
} from '../../repositories/children.js';
import { viewerOf } from '../auth.js';
import { errorSummary, list, text, type FormErrors } from '../forms.js';
import { formatDateTime } from '../format.js';
import { renderChronologyPdf } from '../pdf/chronology-pdf.js';

const MAX_SEARCH_NAME = 100;
const MAX_SEARCH_IDENTIFIER = 50;

/** Text without control characters (a NUL cannot be stored or searched for; line breaks and tabs are kept). */
const clean = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');

/** A query-string value as text ('' when absent or repeated oddly). */
function q(req: Request, name: string): string {
  const v = req.query[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? clean(s).trim() : '';
}

/** A form field as text, without control characters. */
const field = (req: Request, name: string) => clean(text(req, name));

/** The child's ID from the path, or null when it could not be an ID (control characters, or absurdly long). */
function personParam(req: Request): string | null {
  const id = String(req.params.id);
  return id.length > 100 || clean(id) !== id ? null : id;
}

const queryDate = (req: Request, prefix: string): DateParts => ({ day: q(req, `${prefix}-day`), month: q(req, `${prefix}-month`), year: q(req, `${prefix}-year`) });
const bodyDate = (req: Request, prefix: string): DateParts => ({ day: field(req, `${prefix}-day`), month: field(req, `${prefix}-month`), year: field(req, `${prefix}-year`) });

/** The items of a GOV.UK date input (its boxes are named and identified `<prefix>-day` ... by the component), marked in error when `error`. */
function dateItems(prefix: string, parts: DateParts, error: boolean) {
  const cls = (w: number) => `govuk-input--width-${w}${error ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', label: 'Day', classes: cls(2), value: parts.day },
    { name: 'month', label: 'Month', classes: cls(2), value: parts.month },
    { name: 'year', label: 'Year', classes: cls(4), value: parts.year },
  ];
}

/** Renames the problems of date fields to the id of their first box, so the error summary links to it. */
function linkDates(problems: Record<string, string>, dateFields: readonly string[]): FormErrors {
  const out: FormErrors = {};
  for (const [k, v] of Object.entries(problems)) out[dateFields.includes(k) ? `${k}-day` : k] = v;
  return out;
}

const notFound = (res: Response) =>
  res.status(404).render('error.njk', { title: 'Child not found', message: 'Check the link: there is no child or young person with that identifier.' });

/** "3 March 2026 at 2:30pm", or the date alone. */
function entryWhen(e: ChronologyEntry): string {
  return e.instant ? formatDateTime(e.instant) : longDate(e.date);
}

/** An ISO timestamp for <time datetime>: the instant, or the date alone. */
function entryDatetime(e: ChronologyEntry): string {
  if (!e.instant) return e.date;
  const l = toLondon(e.instant);
  return `${e.date}T${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
}

const SEX_ITEMS = Object.entries(codeLists.sex as Record<string, string>).map(([value, label]) => ({ value, text: label }));
const ETHNICITY_ITEMS = Object.entries(codeLists.ethnicity as Record<string, string>).map(([value, label]) => ({ value, text: label }));

export function childrenRoutes(db: Database): Router {
  const router = Router();

  router.get('/assets/children.css', (_req, res) => res.sendFile(join(projectRoot, 'src', 'web', 'views', 'children', 'children.css')));

  // --- Find a child -----------------------------------------------------------------------------------
  router.get('/children', async (req, res) => {
    const viewer = viewerOf(res);
    const searched = 'name' in req.query || 'identifier' in req.query || 'dob-day' in req.query;
    const values = { name: q(req, 'name'), identifier: q(req, 'identifier'), dob: queryDate(req, 'dob') };
    const errors: FormErrors = {};
    const dob = dateFromParts(values.dob, 'Date of birth');
    if (values.name.length > MAX_SEARCH_NAME) errors.name = `Name must be ${MAX_SEARCH_NAME} characters or fewer`;
    if (dob.error) errors['dob-day'] = dob.error;
    if (values.identifier.length > MAX_SEARCH_IDENTIFIER) errors.identifier = `Identifier must be ${MAX_SEARCH_IDENTIFIER} characters or fewer`;
    if (searched && !values.name && !values.identifier && !dob.date && !dob.error) {
      errors.name = 'Enter a name, a date of birth or an identifier';
    }
    const hasErrors = Object.keys(errors).length > 0;
    let found = null;
    if (searched && !hasErrors) {
      const terms: SearchTerms = { name: values.name, dob: dob.date, identifier: values.identifier };
      found = await findChildren(db, viewer, terms);
    }
    res.status(hasErrors ? 400 : 200).render('children/search.njk', {
      values, dobItems: dateItems('dob', values.dob, Boolean(errors['dob-day'])), found,
      searchedFor: [values.name && `“${values.name}”`, dob.date && `born ${longDate(dob.date)}`, values.identifier && `identifier “${values.identifier}”`].filter(Boolean).join(', '),
      errors, errorList: hasErrors ? errorSummary(errors) : undefined,
    });
  });

  // --- Add a person -----------------------------------------------------------------------------------
  const personForm = (req: Request): NewPersonForm => ({
    forename: field(req, 'forename'), surname: field(req, 'surname'), born: field(req, 'born'),
    // One date field: the date of birth, or the expected date of birth of an unborn baby.
    dob: bodyDate(req, 'dob'), expectedDob: bodyDate(req, 'dob'), sex: field(req, 'sex'), gender: field(req, 'gender'),
    ethnicity: field(req, 'ethnicity'),
  });
  const emptyPerson: NewPersonForm = {
    forename: '', surname: '', born: '', dob: { day: '', month: '', year: '' }, expectedDob: { day: '', month: '', year: '' }, sex: '', gender: '', ethnicity: '',
  };

  function renderNewPerson(res: Response, values: NewPersonForm, errors?: FormErrors) {
    res.status(errors ? 400 : 200).render('children/new.njk', {
      values,
      dobItems: dateItems('dob', values.dob, Boolean(errors?.['dob-day'])),
      sexItems: SEX_ITEMS.map((i) => ({ ...i, checked: i.value === values.sex })),
      ethnicityItems: [{ value: '', text: 'Choose ethnicity' }, ...ETHNICITY_ITEMS.map((i) => ({ ...i, selected: i.value === values.ethnicity }))],
      errors, errorList: errors ? errorSummary(errors) : undefined,
    });
  }

  router.get('/children/new', (_req, res) => {
    renderNewPerson(res, emptyPerson);
  });

  router.post('/children/new', async (req, res) => {
    const viewer = viewerOf(res);
    const values = personForm(req);
    const today = londonDate(new Date());
    const { problems, person } = checkNewPerson(values, today);
    if (!person) {
      const { expectedDob, ...rest } = problems;
      const linked = linkDates(expectedDob ? { ...rest, dob: expectedDob } : rest, ['dob']);
      // The error summary lists problems in the order of the form.
      const order = ['born', 'dob-day', 'forename', 'surname', 'sex', 'gender', 'ethnicity'];
      renderNewPerson(res, values, Object.fromEntries(Object.entries(linked).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))));
      return;
    }
    const duplicates = await possibleDuplicates(db, viewer, person, today);
    // Everyone shown must have been looked at: anyone new since the last check is shown again.
    const seen = new Set(list(req, 'seen'));
    const unseen = duplicates.filter((d) => !seen.has(d.personId));
    const confirmed = field(req, 'confirm') === 'none';
    if (duplicates.length > 0 && (unseen.length > 0 || !confirmed)) {
      const errors: FormErrors | undefined = unseen.length === 0 && !confirmed ? { confirm: 'Confirm that none of these is the same person, or open their record' } : undefined;
      res.status(errors ? 400 : 200).render('children/duplicates.njk', {
        values, person, duplicates, newSinceLastCheck: seen.size > 0 && unseen.length > 0,
        name: [person.forename, person.surname].filter(Boolean).join(' '),
        errors, errorList: errors ? errorSummary(errors) : undefined,
      });
      return;
    }
    const id = await addPerson(db, viewer, person);
    res.redirect(303, `/children/${encodeURIComponent(id)}?added=1`);
  });

  // --- The child's record -----------------------------------------------------------------------------
  router.get('/children/:id', async (req, res) => {
    const viewer = viewerOf(res);
    const personId = personParam(req);
    if (personId === null) {
      notFound(res);
      return;
    }
    const page = await childRecordPage(db, viewer, personId, new Date());
    if (!page) {
      notFound(res);
      return;
    }
    const { record, clocks } = page;
    res.render('children/record.njk', {
      record, clocks, added: q(req, 'added') === '1', personId,
      statusTags: record.statuses.map((s) => ({ ...s, tag: STATUS_TAGS[s.kind] })),
      overdueCount: clocks.filter((c) => c.state === 'overdue').length,
      others: record.allocations.filter((a) => a.id !== record.caseHolder?.id),
    });
  });

  // --- The chronology ---------------------------------------------------------------------------------
  router.get('/children/:id/chronology', async (req, res) => {
    const viewer = viewerOf(res);
    const personId = personParam(req);
    if (personId === null) {
      notFound(res);
      return;
    }
    const parsed = parseChronologyFilter(req.query);
    const chronology = await childChronology(db, viewer, personId, parsed.filter);
    const person = chronology.person;
    if (!person) {
      notFound(res);
      return;
    }
    const errors = linkDates(parsed.errors, ['from', 'to']);
    const hasErrors = Object.keys(errors).length > 0;
    const added = q(req, 'added');
    res.status(hasErrors ? 400 : 200).render('children/chronology.njk', {
      personId, name: fullName(person, person.id), dob: person.dob, expectedDob: person.expected_dob,
      filterText: chronology.filterText, total: chronology.total, filtered: parsed.filter.kinds.length > 0 || parsed.filter.from !== null || parsed.filter.to !== null,
      pdfHref: `/children/${encodeURIComponent(personId)}/chronology.pdf${chronologyFilterQuery(parsed.filter)}`,
      kindItems: KIND_IDS.map((k) => ({ value: k, text: CHRONOLOGY_KINDS[k], checked: parsed.values.kinds.includes(k) })),
      fromItems: dateItems('from', parsed.values.from, Boolean(errors['from-day'])),
      toItems: dateItems('to', parsed.values.to, Boolean(errors['to-day'])),
      added: added && chronology.entries.some((e) => e.recordId === added) ? chronology.entries.find((e) => e.recordId === added)!.title : null,
      entries: chronology.entries.map((e) => ({
        ...e, when: entryWhen(e), datetime: entryDatetime(e), kindLabel: CHRONOLOGY_KINDS[e.kind],
      })),
      errors, errorList: hasErrors ? errorSummary(errors) : undefined,
    });
  });

  router.get('/children/:id/chronology.pdf', async (req, res) => {
    const viewer = viewerOf(res);
    const personId = personParam(req);
    if (personId === null) {
      notFound(res);
      return;
    }
    const parsed = parseChronologyFilter(req.query);
    if (Object.keys(parsed.errors).length > 0) {
      // Show what is wrong with the dates on the page rather than export something other than was asked for.
      const qs = new URLSearchParams(req.query as Record<string, string>).toString();
      res.redirect(303, `/children/${encodeURIComponent(personId)}/chronology${qs ? `?${qs}` : ''}`);
      return;
    }
    const chronology = await childChronology(db, viewer, personId, parsed.filter, 'export');
    const person = chronology.person;
    if (!person) {
      notFound(res);
      return;
    }
    const now = new Date();
    const pdf = await renderChronologyPdf({
      child: { id: person.id, name: fullName(person, person.id), dob: person.dob, expectedDob: person.expected_dob },
      filterText: chronology.filterText, total: chronology.total, entries: chronology.entries,
      producedAt: now, producedBy: viewer.displayName,
    });
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="chronology-${person.id.replace(/[^A-Za-z0-9-]/g, '')}-${londonDate(now)}.pdf"`);
    res.setHeader('Content-Length', String(pdf.length));
    res.end(pdf);
  });

  // --- A significant event ----------------------------------------------------------------------------
  const emptyEvent: SignificantEventForm = { date: { day: '', month: '', year: '' }, time: '', title: '', description: '', source: '' };

  async function renderEvent(res: Response, personId: string, values: SignificantEventForm, errors?: FormErrors) {
    const person = await significantEventContext(db, viewerOf(res), personId);
    if (!person) {
      notFound(res);
      return;
    }
    res.status(errors ? 400 : 200).render('children/significant-event.njk', {
      personId, name: fullName(person, person.id), values, dateItems: dateItems('date', values.date, Boolean(errors?.['date-day'])),
      maxTitle: MAX_TITLE, maxDescription: MAX_DESCRIPTION,
      errors, errorList: errors ? errorSummary(errors) : undefined,
    });
  }

  router.get('/children/:id/significant-events/new', async (req, res) => {
    const personId = personParam(req);
    if (personId === null) {
      notFound(res);
      return;
    }
    await renderEvent(res, personId, emptyEvent);
  });

  router.post('/children/:id/significant-events/new', async (req, res) => {
    const viewer = viewerOf(res);
    const personId = personParam(req);
    if (personId === null) {
      notFound(res);
      return;
    }
    const values: SignificantEventForm = {
      date: bodyDate(req, 'date'), time: field(req, 'time'), title: field(req, 'title'), description: field(req, 'description'), source: field(req, 'source'),
    };
    const { problems, event } = checkSignificantEvent(values, new Date());
    if (!event) {
      await renderEvent(res, personId, values, linkDates(problems, ['date']));
      return;
    }
    const person = await significantEventContext(db, viewer, personId);
    if (!person) {
      notFound(res);
      return;
    }
    const id = await addSignificantEvent(db, viewer, personId, event);
    res.redirect(303, `/children/${encodeURIComponent(personId)}/chronology?added=${encodeURIComponent(id)}`);
  });

  // An address that cannot be decoded (a broken %-escape in a child's ID) is not a page: 404, not a server error.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (err instanceof URIError) notFound(res);
    else next(err);
  });

  return router;
}
