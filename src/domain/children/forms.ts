/**
 * The forms of a child's record, checked: adding a person, and adding a significant event to the chronology.
 * Each returns the problems in the order of the form, in the words of the GOV.UK error message patterns, or
 * the record to save. Pure: `today` and `now` come in.
 */
import { isCode } from '../codes/code-lists.js';
import { dateFromParts, type DateParts } from '../chronology/filter.js';
import { addMonths, fromLondon, londonDate, startOfLondonDay } from '../time/london.js';

export type Problems = Record<string, string>;

const MAX_NAME = 100;

export interface NewPersonForm {
  forename: string;
  surname: string;
  /** 'yes' (born: date of birth), 'no' (unborn: expected date of birth), or '' (not answered). */
  born: string;
  dob: DateParts;
  expectedDob: DateParts;
  sex: string;
  gender: string;
  ethnicity: string;
}

export interface NewPerson {
  forename: string | null;
  surname: string;
  dob: string | null;
  expectedDob: string | null;
  sex: string;
  gender: string | null;
  ethnicity: string;
}

export function checkNewPerson(f: NewPersonForm, today: string): { problems: Problems; person: NewPerson | null } {
  const problems: Problems = {};
  if (!f.forename && f.born !== 'no') problems.forename = 'Enter the child’s first name';
  else if (f.forename.length > MAX_NAME) problems.forename = `First name must be ${MAX_NAME} characters or fewer`;
  if (!f.surname) problems.surname = 'Enter the child’s last name';
  else if (f.surname.length > MAX_NAME) problems.surname = `Last name must be ${MAX_NAME} characters or fewer`;
  let dob: string | null = null;
  let expectedDob: string | null = null;
  if (f.born === 'yes') {
    const d = dateFromParts(f.dob, 'Date of birth');
    if (d.error) problems.dob = d.error;
    else if (d.date === null) problems.dob = 'Enter the child’s date of birth';
    else if (d.date > today) problems.dob = 'Date of birth must be today or in the past';
    else dob = d.date;
  } else if (f.born === 'no') {
    const d = dateFromParts(f.expectedDob, 'Expected date of birth');
    if (d.error) problems.expectedDob = d.error;
    else if (d.date === null) problems.expectedDob = 'Enter the expected date of birth';
    else if (d.date < today) problems.expectedDob = 'Expected date of birth must be today or in the future';
    else if (d.date > addMonths(today, 10)) problems.expectedDob = 'Expected date of birth must be within the next 10 months';
    else expectedDob = d.date;
  } else {
    problems.born = 'Select whether the child has been born yet';
  }
  if (!isCode('sex', f.sex)) problems.sex = 'Select the child’s sex';
  if (f.gender.length > MAX_NAME) problems.gender = `Gender must be ${MAX_NAME} characters or fewer`;
  if (!isCode('ethnicity', f.ethnicity)) problems.ethnicity = 'Select the child’s ethnicity, or ‘Information not yet obtained’';
  if (Object.keys(problems).length > 0) return { problems, person: null };
  return {
    problems,
    person: { forename: f.forename || null, surname: f.surname, dob, expectedDob, sex: f.sex, gender: f.gender || null, ethnicity: f.ethnicity },
  };
}

export interface SignificantEventForm {
  date: DateParts;
  time: string;
  title: string;
  description: string;
  source: string;
}

export interface SignificantEvent {
  at: Date;
  hasTime: boolean;
  title: string;
  description: string;
  source: string;
}

export const MAX_TITLE = 150;
export const MAX_DESCRIPTION = 10_000;

/** A time of day as people write it: "14:30", "2:30pm", "2pm", "9.15 am". Null if it cannot be read. */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (m[2] === undefined || hour > 23) {
    return null; // "14" alone is not a time; "25:00" is not either
  }
  return { hour, minute };
}

export function checkSignificantEvent(f: SignificantEventForm, now: Date): { problems: Problems; event: SignificantEvent | null } {
  const problems: Problems = {};
  const today = londonDate(now);
  const d = dateFromParts(f.date, 'The date');
  let at: Date | null = null;
  let hasTime = false;
  if (d.error) problems.date = d.error;
  else if (d.date === null) problems.date = 'Enter the date it happened';
  else if (d.date > today) problems.date = 'The date must be today or in the past';
  if (f.time) {
    const t = parseTimeOfDay(f.time);
    if (!t) problems.time = 'Enter the time like 14:30 or 2:30pm, or leave it empty';
    else if (d.date && !problems.date) {
      const [y, m, day] = d.date.split('-').map(Number) as [number, number, number];
      at = fromLondon({ year: y, month: m, day, hour: t.hour, minute: t.minute, second: 0 });
      hasTime = true;
      if (at > now) problems.time = 'The time must be now or in the past';
    }
  } else if (d.date && !problems.date) {
    at = startOfLondonDay(d.date);
  }
  if (!f.title) problems.title = 'Enter a title';
  else if (f.title.length > MAX_TITLE) problems.title = `Title must be ${MAX_TITLE} characters or fewer`;
  if (!f.description) problems.description = 'Enter what happened';
  else if (f.description.length > MAX_DESCRIPTION) problems.description = `What happened must be ${MAX_DESCRIPTION.toLocaleString('en-GB')} characters or fewer`;
  if (!f.source) problems.source = 'Enter the source: who told us, or where it is recorded';
  else if (f.source.length > 200) problems.source = 'Source must be 200 characters or fewer';
  if (Object.keys(problems).length > 0 || at === null) return { problems, event: null };
  return { problems, event: { at, hasTime, title: f.title, description: f.description, source: f.source } };
}
