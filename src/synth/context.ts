/**
 * What every part of the generator shares: the calendar, the end of history, identifiers, and the
 * buffered output that writes canonical records through the ExtractWriter.
 */
import { getEntity } from '../domain/model/entities.js';
import type { Entity } from '../domain/model/schema.js';
import type { FieldValue } from '../domain/model/values.js';
import type { ExtractWriter } from '../io/extract-writer.js';
import type { Calendar, Day } from './calendar.js';

export type Rec = Record<string, FieldValue>;

/** An end that lies beyond any date generated ("not ended"). */
export const NEVER: Day = 1_000_000_000;

/** Sequential identifiers with a prefix, e.g. CON0000001. */
export class Ids {
  private readonly counters = new Map<string, number>();
  next(prefix: string, width = 7): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return prefix + String(n).padStart(width, '0');
  }
  /** The next number in a sequence. */
  seq(prefix: string): number {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return n;
  }
  count(prefix: string): number {
    return this.counters.get(prefix) ?? 0;
  }
}

const entityCache = new Map<string, Entity>();
function entity(name: string): Entity {
  let e = entityCache.get(name);
  if (!e) entityCache.set(name, (e = getEntity(name)));
  return e;
}

/**
 * Records are buffered while a family's story is generated and written in order afterwards, so that the
 * story code stays synchronous.
 */
export class Out {
  private buffer: { e: Entity; r: Rec; at: Date | null }[] = [];
  readonly counts: Record<string, number> = {};

  constructor(
    private readonly writer: ExtractWriter,
    private readonly endInstant: Date,
  ) {}

  /** Adds a record; `recordedAt` later than the end of history is clamped to it. */
  add(entityName: string, r: Rec, recordedAt?: Date | null): void {
    let at = recordedAt ?? null;
    if (at && at.getTime() > this.endInstant.getTime()) at = this.endInstant;
    this.buffer.push({ e: entity(entityName), r, at });
    this.counts[entityName] = (this.counts[entityName] ?? 0) + 1;
  }

  async flush(): Promise<void> {
    const items = this.buffer;
    this.buffer = [];
    for (const { e, r, at } of items) await this.writer.add(e, r, at);
  }
}

export interface Ctx {
  cal: Calendar;
  out: Out;
  ids: Ids;
  seed: number;
  scale: number;
  /** The last day of history. */
  endDay: Day;
  /** The last instant of history (end of endDay, whole seconds). */
  endInstant: Date;
  /** First day of the requested window. */
  windowStart: Day;
  /** Start of the warm-up (flows of new families start here). */
  flowStart: Day;
  /** Start of the workforce records (and of visits, supervision and allocations). */
  workforceStart: Day;
}
