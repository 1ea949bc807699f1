import { describe, expect, it } from 'vitest';
import { fromLondon, startOfLondonDay } from '../time/london.js';
import { buildChronology, firstRecordedWith, recordedLater, whenOf, type ChronologyInput, type RecordHistory, type Row } from './entries.js';

const t = (date: string, hour = 9, minute = 0) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return fromLondon({ year, month, day, hour, minute, second: 0 });
};
const history = (...versions: Row[]): RecordHistory => ({ current: versions.at(-1)!, versions });
const input = (records: ChronologyInput['records']): ChronologyInput => ({
  records, agencies: new Map(), factors: new Map(), workers: new Map([['A', 'Ann Able']]), teams: new Map([['T1', 'Team One']]),
});

describe('when an entry happened and was recorded', () => {
  it('reads dates, date-times with and without a time, and nothing', () => {
    expect(whenOf({ d: '2026-03-01' }, 'd')).toEqual({ date: '2026-03-01', instant: null });
    expect(whenOf({ d: t('2026-03-01', 23, 30), d_has_time: true }, 'd')).toEqual({ date: '2026-03-01', instant: t('2026-03-01', 23, 30) });
    expect(whenOf({ d: startOfLondonDay('2026-07-01'), d_has_time: false }, 'd')).toEqual({ date: '2026-07-01', instant: null });
    expect(whenOf({ d: null }, 'd')).toBeNull();
    expect(whenOf({}, 'd')).toBeNull();
  });

  it('is recorded later only from the next London day on', () => {
    const happened = { date: '2026-03-01', instant: t('2026-03-01', 22) };
    expect(recordedLater(happened, t('2026-03-01', 23, 59))).toBeNull();
    expect(recordedLater(happened, t('2026-03-02', 0, 1))).toMatchObject({ days: 1, text: 'Recorded 2 March 2026, 1 day after it happened' });
    expect(recordedLater(happened, t('2026-03-12'))).toMatchObject({ days: 11, text: 'Recorded 12 March 2026, 11 days after it happened' });
    // Known before it happened (an imported record): says nothing about lateness.
    expect(recordedLater(happened, t('2026-02-20'))).toBeNull();
    expect(recordedLater(happened, null)).toBeNull();
    // BST: 11:30pm London on 1 July is 10:30pm UTC, the same London day.
    expect(recordedLater({ date: '2026-07-01', instant: null }, new Date('2026-07-01T22:30:00Z'))).toBeNull();
    expect(recordedLater({ date: '2026-07-01', instant: null }, new Date('2026-07-01T23:30:00Z'))).toMatchObject({ days: 1 });
  });

  it('takes when a value was first recorded from the earliest version holding the current value', () => {
    const h = history(
      { id: 'P', end_date: null, note: 'a', recorded_from: t('2026-01-01') },
      { id: 'P', end_date: '2026-03-01', note: 'a', recorded_from: t('2026-03-10') },
      { id: 'P', end_date: '2026-03-01', note: 'b', recorded_from: t('2026-04-01') },
    );
    expect(firstRecordedWith(h, 'end_date')).toEqual(t('2026-03-10'));
    expect(firstRecordedWith(h, 'note')).toEqual(t('2026-04-01'));
  });
});

describe('building the chronology', () => {
  const plan = history(
    { id: 'CIN1', start_date: '2026-01-05', end_date: null, team_id: 'T1', worker_id: 'A', first_recorded_at: t('2026-01-05'), recorded_from: t('2026-01-05') },
    { id: 'CIN1', start_date: '2026-01-05', end_date: '2026-03-01', team_id: 'T1', worker_id: 'A', first_recorded_at: t('2026-01-05'), recorded_from: t('2026-03-04') },
  );
  const event = history({
    id: 'SIG1', event_at: t('2026-02-10', 21, 15), event_at_has_time: true, title: 'Police called to the home', description: 'Shouting.', source: 'Police',
    worker_id: 'A', first_recorded_at: t('2026-02-12'), recorded_from: t('2026-02-12'),
  });
  const contact = history({ id: 'C1', received_at: t('2026-01-02', 10), received_at_has_time: true, source: '6', decision_at: null, received_by_id: 'A', first_recorded_at: t('2026-01-02', 10), recorded_from: t('2026-01-02', 10) });
  const entries = buildChronology(input({ cin_plan: [plan], significant_event: [event], contact: [contact] }));

  it('makes one entry for each event of each record, newest first', () => {
    expect(entries.map((e) => e.key)).toEqual(['cin_plan:CIN1:end', 'significant_event:SIG1:event', 'cin_plan:CIN1:start', 'contact:C1:received']);
    expect(entries.map((e) => e.kind)).toEqual(['plan', 'significant', 'plan', 'contact']);
  });

  it('says who, and what is not done yet', () => {
    const start = entries.find((e) => e.key === 'cin_plan:CIN1:start')!;
    expect(start).toMatchObject({ title: 'Child in need plan started', by: 'Ann Able', details: [{ label: 'Team', text: 'Team One' }] });
    const c = entries.find((e) => e.key === 'contact:C1:received')!;
    expect(c.title).toBe('Contact from Police');
    expect(c.details).toContainEqual({ label: 'Decision', text: 'Not made yet' });
  });

  it('shows when an entry was recorded later than it happened: the record’s first recording, or when the event was first recorded on it', () => {
    expect(entries.find((e) => e.key === 'cin_plan:CIN1:start')!.recordedLater).toBeNull();
    expect(entries.find((e) => e.key === 'cin_plan:CIN1:end')!.recordedLater).toMatchObject({ days: 3 });
    const sig = entries.find((e) => e.key === 'significant_event:SIG1:event')!;
    expect(sig).toMatchObject({ date: '2026-02-10', instant: t('2026-02-10', 21, 15), title: 'Police called to the home', by: 'Ann Able' });
    expect(sig.details).toEqual([{ label: 'What happened', text: 'Shouting.' }, { label: 'Source', text: 'Police' }]);
    expect(sig.recordedLater?.text).toBe('Recorded 12 February 2026, 2 days after it happened');
  });

  it('puts a time before a date alone on the same day, and a date alone at the start of its day', () => {
    const sameDay = buildChronology(input({
      significant_event: [
        history({ id: 'S1', event_at: startOfLondonDay('2026-05-01'), event_at_has_time: false, title: 'Date only', first_recorded_at: t('2026-05-01'), recorded_from: t('2026-05-01') }),
        history({ id: 'S2', event_at: t('2026-05-01', 0, 30), event_at_has_time: true, title: 'Half past midnight', first_recorded_at: t('2026-05-01'), recorded_from: t('2026-05-01') }),
      ],
    }));
    expect(sameDay.map((e) => e.title)).toEqual(['Half past midnight', 'Date only']);
  });
});
