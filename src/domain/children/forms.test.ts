import { describe, expect, it } from 'vitest';
import { fromLondon, startOfLondonDay } from '../time/london.js';
import { checkNewPerson, checkSignificantEvent, parseTimeOfDay, type NewPersonForm, type SignificantEventForm } from './forms.js';

const TODAY = '2026-11-23';
const date = (d: string) => ({ day: String(Number(d.slice(8))), month: String(Number(d.slice(5, 7))), year: d.slice(0, 4) });
const none = { day: '', month: '', year: '' };
const person = (f: Partial<NewPersonForm>): NewPersonForm => ({
  forename: 'Amira', surname: 'Khan', born: 'yes', dob: date('2014-03-04'), expectedDob: none, sex: 'F', gender: '', ethnicity: 'APKN', ...f,
});

describe('adding a person', () => {
  it('takes a date of birth up to today, and an expected date from today to 10 months ahead', () => {
    expect(checkNewPerson(person({ dob: date(TODAY) }), TODAY).person?.dob).toBe(TODAY);
    expect(checkNewPerson(person({ dob: date('2026-11-24') }), TODAY).problems).toEqual({ dob: 'Date of birth must be today or in the past' });
    const unborn = (d: string) => checkNewPerson(person({ born: 'no', forename: '', dob: none, expectedDob: date(d) }), TODAY);
    expect(unborn(TODAY).person).toMatchObject({ forename: null, dob: null, expectedDob: TODAY });
    expect(unborn('2026-11-22').problems).toEqual({ expectedDob: 'Expected date of birth must be today or in the future' });
    expect(unborn('2027-09-23').person?.expectedDob).toBe('2027-09-23');
    expect(unborn('2027-09-24').problems).toEqual({ expectedDob: 'Expected date of birth must be within the next 10 months' });
  });

  it('lists every problem in the order of the form', () => {
    const { problems, person: p } = checkNewPerson(person({ forename: '', surname: '', born: '', sex: 'X', ethnicity: '' }), TODAY);
    expect(p).toBeNull();
    expect(Object.keys(problems)).toEqual(['forename', 'surname', 'born', 'sex', 'ethnicity']);
    expect(checkNewPerson(person({ dob: { day: '30', month: '2', year: '2020' } }), TODAY).problems.dob).toBe('Date of birth must be a real date, for example 27 3 2026');
    expect(checkNewPerson(person({ dob: { day: '3', month: '', year: '2020' } }), TODAY).problems.dob).toBe('Date of birth must include a month');
    expect(checkNewPerson(person({ surname: 'x'.repeat(101) }), TODAY).problems.surname).toBe('Last name must be 100 characters or fewer');
  });
});

describe('a time of day as people write it', () => {
  it('reads 24-hour and am/pm times', () => {
    expect(parseTimeOfDay('14:30')).toEqual({ hour: 14, minute: 30 });
    expect(parseTimeOfDay('2:30pm')).toEqual({ hour: 14, minute: 30 });
    expect(parseTimeOfDay('2pm')).toEqual({ hour: 14, minute: 0 });
    expect(parseTimeOfDay('9.15 am')).toEqual({ hour: 9, minute: 15 });
    expect(parseTimeOfDay('12am')).toEqual({ hour: 0, minute: 0 });
    expect(parseTimeOfDay('12pm')).toEqual({ hour: 12, minute: 0 });
    expect(parseTimeOfDay('0:00')).toEqual({ hour: 0, minute: 0 });
  });
  it('refuses what is not a time', () => {
    for (const t of ['14', '25:00', '13pm', '0am', '10:60', 'noon', '']) expect(parseTimeOfDay(t), t).toBeNull();
  });
});

describe('a significant event', () => {
  const now = fromLondon({ year: 2026, month: 11, day: 23, hour: 10, minute: 0, second: 0 });
  const event = (f: Partial<SignificantEventForm>): SignificantEventForm => ({
    date: date(TODAY), time: '', title: 'Police called to the home', description: 'Shouting reported.', source: 'Police', ...f,
  });

  it('happened at the start of its day when no time is given, or at the London time given', () => {
    expect(checkSignificantEvent(event({}), now).event).toMatchObject({ at: startOfLondonDay(TODAY), hasTime: false });
    expect(checkSignificantEvent(event({ time: '9:59' }), now).event).toMatchObject({ at: fromLondon({ year: 2026, month: 11, day: 23, hour: 9, minute: 59, second: 0 }), hasTime: true });
    // British Summer Time: 9pm on 2 July is 8pm UTC.
    expect(checkSignificantEvent(event({ date: date('2026-07-02'), time: '9pm' }), now).event?.at.toISOString()).toBe('2026-07-02T20:00:00.000Z');
  });

  it('cannot be in the future, to the minute', () => {
    expect(checkSignificantEvent(event({ time: '10:00' }), now).problems).toEqual({});
    expect(checkSignificantEvent(event({ time: '10:01' }), now).problems).toEqual({ time: 'The time must be now or in the past' });
    expect(checkSignificantEvent(event({ date: date('2026-11-24') }), now).problems).toEqual({ date: 'The date must be today or in the past' });
  });

  it('needs a date, title, what happened and a source, each within its length', () => {
    const { problems } = checkSignificantEvent({ date: none, time: 'soon', title: '', description: '', source: '' }, now);
    expect(problems).toEqual({
      date: 'Enter the date it happened', time: 'Enter the time like 14:30 or 2:30pm, or leave it empty', title: 'Enter a title',
      description: 'Enter what happened', source: 'Enter the source: who told us, or where it is recorded',
    });
    expect(checkSignificantEvent(event({ title: 'x'.repeat(151) }), now).problems).toEqual({ title: 'Title must be 150 characters or fewer' });
    expect(checkSignificantEvent(event({ title: 'x'.repeat(150) }), now).problems).toEqual({});
    expect(checkSignificantEvent(event({ description: 'x'.repeat(10_001) }), now).problems).toEqual({ description: 'What happened must be 10,000 characters or fewer' });
  });
});
