/** The shape every measure shares: its definition, the drill-down rows it is made of, and its value. */
import type { MeasureContext } from './context.js';
import type { MeasureInputs } from './inputs.js';
import type { Frequency } from './period.js';
import type { MeasureSettingsOverrides, SettingName } from './settings.js';

export type { Frequency } from './period.js';
export type Unit = 'percent' | 'rate per 10,000' | 'count' | 'caseload';

/**
 * One record deciding a figure: a child's plan, an event, a post or a worker, with its place in the numerator
 * and denominator and the dates that decided it. Counts add 1 per row; FTE-based parts (measures 13 and 14)
 * carry a weight in FTE instead. The team and the explanation are worked out when first read (figures never
 * need them), so read them as properties: they are included in JSON.stringify, but not in an object spread.
 */
export interface DrillRow {
  /** The child, or null for a post or worker (measures 13, 14) or an audit without a child. */
  personId: string | null;
  /** The record the row is about: plan, contact, ICPC, period of care, post, worker ... */
  recordId: string;
  /** The team responsible at the deciding date (the case-holding worker's team, else the record's), if known. */
  readonly teamId: string | null;
  inNumerator: boolean;
  inDenominator: boolean;
  /** The dates that decided the row, by name ({ planStart, lastSeen, due }); instants as London 'YYYY-MM-DD HH:MM:SS'. */
  dates: Readonly<Record<string, string | null>>;
  /** Plain English: "last seen 3 Mar; visit due 17 Mar: 2 working days left". Built when first read. */
  readonly explanation: string;
  /** What the row adds to the numerator when in it, in FTE (measure 13). Default 1. */
  numeratorWeight?: number;
  /** What the row adds to the denominator when in it, in FTE (measures 13, 14). Default 1. */
  denominatorWeight?: number;
  /** Amounts added up across rows into the value's extras (measure 9's offered and accepted, 13's agency cover). */
  counts?: Readonly<Record<string, number>>;
  /** A data-quality problem with the record (undefined when none): the row is also listed in the value's dataQuality. */
  problem?: string;
}

/** The text parts of a definition, as the documentation shows them. */
export interface DefinitionText {
  numerator: string;
  denominator: string;
  inclusions: string;
  exclusions: string;
  notes?: string;
}

/** A worked example kept beside each definition; the documentation computes it, and a test checks `expected`. */
export interface MeasureExample {
  month: string;
  /** The situation, in words. */
  story: string;
  inputs: () => MeasureInputs;
  settings?: MeasureSettingsOverrides;
  /** The display value the example produces. */
  expected: string;
}

export interface MeasureDefinition {
  /** Stable id: 'm01-contacts-decided-24h' ... 'm15-audits-ri-or-better', or a national measure's name. */
  id: string;
  /** Contract number 1–15, null for a national measure. */
  number: number | null;
  title: string;
  frequency: Frequency;
  better: 'high' | 'low';
  unit: Unit;
  /** 1 for percentages and rates, 2 for caseload, 0 for counts. */
  decimals: number;
  serviceArea: string;
  definition: DefinitionText;
  /** The settings the measure depends on. */
  settings: readonly SettingName[];
  /** Every record deciding the figure, lazily, in a stable order. */
  rows(ctx: MeasureContext, month: string): Iterable<DrillRow>;
  /**
   * For a count whose rows are not all the records it is drawn from (measure 5 lists only unallocated children): how
   * many records are in scope, reported beside it; none in scope is "no data". Without it, a count with no rows in
   * its denominator is "no data".
   */
  scope?(ctx: MeasureContext, month: string): { count: number; description: string };
  /** Extra figures reported beside the value, from the totals of the rows' `counts` (in FTE or counts). */
  extras?(totals: Readonly<Record<string, number>>): Record<string, number | string>;
  example: MeasureExample;
}

export interface MeasureValue {
  measureId: string;
  month: string;
  /** Numerator total: a count, or FTE for measure 13. */
  numerator: number;
  /**
   * Denominator total: a count, the population for rates, FTE for 13 and 14. 0 when empty ("no data"); null for
   * a rate when no population estimate is configured.
   */
  denominator: number | null;
  /** The figure (60.6 for 60.6%), rounded half up to the measure's decimals; null for "no data". */
  value: number | null;
  /** '60.6%', '69.2', '18.83', '17' or 'no data'. */
  display: string;
  extras: Record<string, number | string>;
  notes: string[];
  /** Rows with a data-quality problem. */
  dataQuality: DrillRow[];
}

/** A row's fields as a definition gives them: the team may be given as a function, worked out only when read. */
export type RowFields = Omit<DrillRow, 'explanation' | 'teamId'> & { teamId: string | null | (() => string | null) };

/**
 * A drill-down row whose explanation is built only when first read (a figure never needs it). A class with
 * a fixed shape, because rows are made by the hundred thousand for a year of figures. JSON includes the
 * explanation.
 */
class LazyRow implements DrillRow {
  personId: string | null;
  recordId: string;
  inNumerator: boolean;
  inDenominator: boolean;
  dates: Readonly<Record<string, string | null>>;
  numeratorWeight?: number;
  denominatorWeight?: number;
  counts?: Readonly<Record<string, number>>;
  problem?: string;
  #explain: (() => string) | null;
  #text = '';
  #team: string | null | (() => string | null);

  constructor(fields: RowFields, explain: () => string) {
    this.personId = fields.personId;
    this.recordId = fields.recordId;
    this.#team = fields.teamId;
    this.inNumerator = fields.inNumerator;
    this.inDenominator = fields.inDenominator;
    this.dates = fields.dates;
    // Always assigned (undefined when absent), so that every row has the same shape.
    this.numeratorWeight = fields.numeratorWeight;
    this.denominatorWeight = fields.denominatorWeight;
    this.counts = fields.counts;
    this.problem = fields.problem;
    this.#explain = explain;
  }

  get teamId(): string | null {
    if (typeof this.#team === 'function') this.#team = this.#team();
    return this.#team;
  }

  get explanation(): string {
    if (this.#explain !== null) {
      this.#text = this.#explain();
      this.#explain = null;
    }
    return this.#text;
  }

  toJSON(): DrillRow {
    const json: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this)) if (value !== undefined) json[key] = value;
    json.teamId = this.teamId;
    json.explanation = this.explanation;
    return json as unknown as DrillRow;
  }
}

/** A drill-down row whose explanation is built only when read (figures never need it). */
export function drillRow(fields: RowFields, explain: () => string): DrillRow {
  return new LazyRow(fields, explain);
}
