/**
 * Compact memory of who was working with which child when (from allocations and front-door decisions),
 * so that audits and complaints can pick real children open to a team in a month.
 */
import type { Day } from './calendar.js';

export class Spans {
  readonly pid: string[] = [];
  readonly team: number[] = [];
  readonly worker: number[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];

  push(pid: string, team: number, worker: number, start: Day, end: Day): void {
    this.pid.push(pid);
    this.team.push(team);
    this.worker.push(worker);
    this.start.push(start);
    this.end.push(end);
  }

  get length(): number {
    return this.pid.length;
  }
}
