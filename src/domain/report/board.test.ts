import { describe, expect, it } from 'vitest';
import { boardMeasure, groupFigure, groups, isShortfall, measuresWorstFirst, rowsInGroup, type BoardMeasureMeta, type BoardNames, type BoardRow } from './board.js';

const visits: BoardMeasureMeta = { id: 'm10', number: 10, title: 'CIN visits', unit: 'percent', better: 'high', decimals: 1 };
const unallocated: BoardMeasureMeta = { id: 'm05', number: 5, title: 'Unallocated', unit: 'count', better: 'low', decimals: 0 };
const target = { target: 90, amberWithin: 10 };

const names: BoardNames = {
  team: (id) => ({ T1: { name: 'Team One', serviceArea: 'CM' }, T2: { name: 'Team Two', serviceArea: 'CM' }, D1: { name: 'Disabled Children', serviceArea: 'DC' } } as Record<string, { name: string; serviceArea: string | null }>)[id],
  worker: (id) => ({ A: { name: 'Ann', teamId: 'T1' }, B: { name: 'Ben', teamId: 'T2' }, C: { name: 'Cat', teamId: 'D1' } } as Record<string, { name: string; teamId: string | null }>)[id],
  serviceArea: (c) => ({ CM: 'Care management', DC: 'Disabled children' } as Record<string, string>)[c] ?? c,
};

let n = 0;
function row(personId: string, teamId: string | null, workerId: string | null, inNumerator: boolean, inDenominator = true): BoardRow {
  return { personId, recordId: `R${++n}`, teamId, workerId, inNumerator, inDenominator };
}

describe('the performance board', () => {
  it('counts a "higher is better" record as a shortfall when counted but not done in time, and a "lower is better" one when in the numerator', () => {
    expect(isShortfall({ inNumerator: false, inDenominator: true }, visits)).toBe(true);
    expect(isShortfall({ inNumerator: true, inDenominator: true }, visits)).toBe(false);
    expect(isShortfall({ inNumerator: false, inDenominator: false }, visits)).toBe(false);
    expect(isShortfall({ inNumerator: true, inDenominator: true }, unallocated)).toBe(true);
  });

  it('works out each group’s figure, RAG, shortfall and distinct children', () => {
    const rows = [row('P1', 'T1', 'A', false), row('P1', 'T1', 'A', false), row('P2', 'T1', 'A', true), row('P3', 'T1', 'A', true)];
    expect(groupFigure(visits, rows, target)).toEqual({ numerator: 2, denominator: 4, value: 50, display: '50.0%', rag: 'red', shortfall: 2, children: 1 });
    expect(groupFigure(visits, [], target)).toMatchObject({ value: null, display: 'no data', rag: null, shortfall: 0 });
    expect(groupFigure(unallocated, [row('P1', 'T1', null, true), row('P2', 'T1', null, true)], { target: 10, amberWithin: 10 })).toMatchObject({ value: 2, display: '2', rag: 'green', shortfall: 2 });
  });

  it('lists teams and workers worst first, then by most shortfalls, with "not recorded" as its own line', () => {
    const rows = [
      // Team One 1 of 2 (50%), Team Two 3 of 4 (75%), Disabled Children 1 of 2 (50%: level with Team One, so by name), one with no team; P10 is not counted.
      row('P1', 'T1', 'A', true), row('P2', 'T1', 'A', false),
      row('P3', 'T2', 'B', true), row('P4', 'T2', 'B', true), row('P5', 'T2', 'B', true), row('P6', 'T2', null, false),
      row('P7', 'D1', 'C', true), row('P8', 'D1', 'C', false),
      row('P9', null, null, false), row('P10', 'T1', 'A', false, false),
    ];
    const teams = groups(visits, rows, 'team', names, target);
    expect(teams.map((g) => [g.label, g.display, g.shortfall])).toEqual([
      ['No team recorded', '0.0%', 1], ['Disabled Children', '50.0%', 1], ['Team One', '50.0%', 1], ['Team Two', '75.0%', 1],
    ]);
    const workers = groups(visits, rows, 'worker', names, target);
    expect(workers.map((g) => [g.label, g.context, g.display])).toEqual([
      ['No allocated worker', null, '0.0%'], ['Ann', 'Team One', '50.0%'], ['Cat', 'Disabled Children', '50.0%'], ['Ben', 'Team Two', '100.0%'],
    ]);
    const services = groups(visits, rows, 'service', names, target);
    expect(services.map((g) => [g.label, g.numerator, g.denominator])).toEqual([['No service recorded', 0, 1], ['Disabled children', 1, 2], ['Care management', 4, 6]]);
    // The records behind a line are those in the group.
    expect(rowsInGroup(rows, 'worker', 'A', names).map((r) => r.personId)).toEqual(['P1', 'P2', 'P10']);
    expect(rowsInGroup(rows, 'service', '', names).map((r) => r.personId)).toEqual(['P9']);
  });

  it('puts the highest first when lower is better, and groups with no figure last', () => {
    const rows = [row('P1', 'T1', 'A', true), row('P2', 'T2', 'B', true), row('P3', 'T2', 'B', true)];
    expect(groups(unallocated, rows, 'team', names, undefined).map((g) => g.label)).toEqual(['Team Two', 'Team One']);
    // No records at all: no lines.
    expect(groups(visits, [], 'team', names, target)).toEqual([]);
  });

  it('orders measures red, amber, green, then without a target, most shortfalls first within each', () => {
    const m = (id: string, rag: 'red' | 'amber' | 'green' | null, shortfall: number, number = 1) => ({
      ...boardMeasure({ ...visits, id, number }, [], names, target, 'All'),
      overall: { level: 'service' as const, key: '*', label: 'All', context: null, numerator: 0, denominator: 0, value: null, display: '', rag, shortfall, children: shortfall },
    });
    const list = [m('g', 'green', 9), m('n', null, 50), m('a', 'amber', 1), m('r1', 'red', 2), m('r2', 'red', 5)].sort(measuresWorstFirst);
    expect(list.map((x) => x.id)).toEqual(['r2', 'r1', 'a', 'g', 'n']);
  });
});
