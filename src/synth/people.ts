/**
 * Families and children: who they are (fictional), and their person-level records (identifiers, address,
 * disability, immigration status, parents, family membership).
 */
import type { Day } from './calendar.js';
import { NEVER, type Ctx } from './context.js';
import * as names from './names.js';
import type { Rng } from './prng.js';

export type Pathway = 'family' | 'adolescent' | 'disabled' | 'uasc' | 'prebirth' | 'legacy';

export interface Kid {
  pid: string;
  sex: 'M' | 'F';
  forename: string;
  dob: Day;
  /** Day before the 18th birthday: the last day as a child. */
  last: Day;
  b18: Day;
  b21: Day;
  /** Born after the family came to notice (pre-birth work). */
  prebirth: boolean;
  used: boolean;
  firstDay: Day;
  /** Day the child's current period of care ends (0 when not looked after). */
  inCareUntil: Day;
  /** Missing episodes per 30 days when an adolescent (0 for most children). */
  missingRate: number;
  disabilities: string[];
  uasc: boolean;
  cpPlans: number;
  ethnicity: string;
  nationality: string | null;
  died: Day | null;
}

export interface Family {
  no: number;
  id: string;
  rng: Rng;
  area: number;
  surname: string;
  pathway: Pathway;
  /** 0 low, 1 medium, 2 high, 3 severe. */
  risk: number;
  kids: Kid[];
  mother: { pid: string; forename: string; dob: Day } | null;
  father: { pid: string; forename: string; dob: Day } | null;
  arrival: Day;
  address: names.Address;
  moved: { day: Day; address: names.Address } | null;
}

const ETHNICITY: [string, number][] = [
  ['WBRI', 52], ['WOTH', 4], ['WIRI', 0.5], ['WROM', 0.6], ['WIRT', 0.2], ['MWBC', 7], ['MWBA', 1], ['MWAS', 2], ['MOTH', 3], ['AIND', 7],
  ['APKN', 7], ['ABAN', 2], ['AOTH', 2], ['BCRB', 3], ['BAFR', 4], ['BOTH', 1], ['CHNE', 0.3], ['OOTH', 2], ['REFU', 0.2], ['NOBT', 0.6],
];

export class People {
  constructor(private readonly ctx: Ctx) {}

  private newPid(): string {
    return String(1_000_000 + this.ctx.ids.seq('PERSON'));
  }

  kid(rng: Rng, dob: Day, ethnicity: string, prebirth: boolean): Kid {
    const { cal } = this.ctx;
    const sex = rng.chance(0.51) ? 'M' : 'F';
    const b18 = cal.addYears(dob, 18);
    return {
      pid: this.newPid(),
      sex,
      forename: names.childForename(rng, sex),
      dob,
      last: b18 - 1,
      b18,
      b21: cal.addYears(dob, 21),
      prebirth,
      used: false,
      firstDay: NEVER,
      inCareUntil: 0,
      missingRate: 0,
      disabilities: [],
      uasc: false,
      cpPlans: 0,
      ethnicity,
      nationality: null,
      died: null,
    };
  }

  /** A new family arriving on `day`, with the children in scope of its first contact. */
  family(rng: Rng, no: number, day: Day, pathway: Pathway): Family {
    const ethnicity = pathway === 'uasc' ? rng.weighted([['BAFR', 40], ['AOTH', 25], ['OOTH', 25], ['WOTH', 10]] as const) : rng.weighted(ETHNICITY);
    const kids: Kid[] = [];
    const yearsAgo = (y: number) => day - Math.round(y * 365.25) - rng.int(0, 364);
    let risk = rng.weighted([[0, 45], [1, 35], [2, 16], [3, 4]] as const);
    switch (pathway) {
      case 'family': {
        const n = rng.weighted([[1, 52], [2, 26], [3, 14], [4, 8]] as const);
        let age = rng.weighted([[0, 10], [2, 14], [5, 18], [8, 18], [11, 16], [13, 14], [15, 10]] as const) + rng.int(0, 2);
        for (let i = 0; i < n && age >= 0; i++) {
          kids.push(this.kid(rng, yearsAgo(Math.min(age, 16)), ethnicity, false));
          age -= rng.int(1, 4);
        }
        break;
      }
      case 'adolescent': {
        const age = rng.weighted([[11, 8], [12, 10], [13, 15], [14, 20], [15, 22], [16, 17]] as const);
        const k = this.kid(rng, yearsAgo(age), ethnicity, false);
        k.missingRate = rng.chance(0.25) ? rng.lognormal(0.35, 0.8) : rng.chance(0.2) ? 0.06 : 0;
        kids.push(k);
        risk = rng.weighted([[0, 35], [1, 40], [2, 20], [3, 5]] as const);
        break;
      }
      case 'disabled': {
        const k = this.kid(rng, yearsAgo(rng.int(1, 15)), ethnicity, false);
        const codes = ['AUT', 'LD', 'COMM', 'MOB', 'PC', 'HEAR', 'VIS', 'CON', 'HAND', 'INC', 'BEH', 'DDA'];
        k.disabilities = [rng.weighted([['AUT', 35], ['LD', 25], ['COMM', 10], ['MOB', 10], ['PC', 5], ['HEAR', 3], ['VIS', 3], ['CON', 3], ['BEH', 6]] as const)];
        if (rng.chance(0.4)) {
          const more = rng.pick(codes);
          if (!k.disabilities.includes(more)) k.disabilities.push(more);
        }
        kids.push(k);
        risk = rng.weighted([[0, 40], [1, 45], [2, 13], [3, 2]] as const);
        break;
      }
      case 'uasc': {
        const k = this.kid(rng, yearsAgo(rng.weighted([[14, 10], [15, 30], [16, 45], [17, 15]] as const)), ethnicity, false);
        if (k.sex === 'F' && rng.chance(0.8)) k.sex = 'M';
        k.forename = names.childForename(rng, k.sex);
        k.uasc = true;
        k.nationality = rng.pick(names.UASC_NATIONALITIES);
        k.missingRate = rng.chance(0.15) ? 0.3 : 0;
        kids.push(k);
        risk = 2;
        break;
      }
      case 'prebirth': {
        const dob = day + rng.int(50, 150);
        if (rng.chance(0.35)) {
          let age = rng.int(1, 9);
          const older = rng.weighted([[1, 70], [2, 30]] as const);
          for (let i = 0; i < older; i++) {
            kids.push(this.kid(rng, yearsAgo(age), ethnicity, false));
            age += rng.int(1, 4);
          }
        }
        kids.push(this.kid(rng, dob, ethnicity, true));
        risk = rng.weighted([[1, 40], [2, 45], [3, 15]] as const);
        break;
      }
      case 'legacy':
        break;
    }
    for (const k of kids) if (pathway !== 'disabled' && rng.chance(0.06)) k.disabilities = [rng.pick(['BEH', 'AUT', 'LD', 'COMM'])];
    const eldest = kids.length ? Math.min(...kids.map((k) => k.dob)) : day - 365 * 10;
    const area = rng.int(0, 59);
    const sur = names.surname(rng);
    const motherAge = pathway === 'prebirth' ? rng.int(17, 34) : rng.int(17, 33);
    const hasMother = pathway !== 'uasc' && rng.chance(0.78);
    const hasFather = pathway !== 'uasc' && rng.chance(0.32);
    const fam: Family = {
      no,
      id: `FAM${String(no).padStart(7, '0')}`,
      rng,
      area,
      surname: sur,
      pathway,
      risk,
      kids,
      mother: hasMother ? { pid: this.newPid(), forename: names.adultForename(rng, 'F'), dob: eldest - motherAge * 365 - rng.int(0, 364) } : null,
      father: hasFather ? { pid: this.newPid(), forename: names.adultForename(rng, 'M'), dob: eldest - (motherAge + rng.int(0, 8)) * 365 - rng.int(0, 364) } : null,
      arrival: day,
      address: names.address(rng, area),
      moved: rng.chance(0.15) ? { day: day + rng.int(60, 1500), address: names.address(rng, area) } : null,
    };
    return fam;
  }

  /** Writes the people of a family who appear in any record. */
  emit(fam: Family): void {
    const { ctx } = this;
    const { cal, out, ids } = ctx;
    const rng = fam.rng;
    const used = fam.kids.filter((k) => k.used);
    if (!used.length) return;
    const iso = (d: Day) => cal.iso(d);
    for (const k of used) {
      const born = k.dob <= ctx.endDay;
      const age5 = cal.addYears(k.dob, 5);
      out.add('person', {
        id: k.pid,
        forename: born ? k.forename : null,
        surname: fam.surname,
        sex: born ? k.sex : 'U',
        gender: null,
        ethnicity: born ? k.ethnicity : 'NOBT',
        dob: born ? iso(k.dob) : null,
        common_child_id: null,
        legacy_id: fam.pathway === 'legacy' ? `LEG-${k.pid}` : null,
        upn_unknown: born && Math.min(ctx.endDay, k.firstDay) < age5 ? 'UN1' : null,
        send_flag: k.disabilities.length ? 'Y' : null,
        expected_dob: k.prebirth ? iso(k.dob + (rng.chance(0.5) ? rng.int(-14, 14) : 0)) : null,
        death_date: k.died !== null && k.died <= ctx.endDay ? iso(k.died) : null,
        is_mother: false,
        nationality: k.nationality ?? (k.uasc ? null : 'British'),
      });
      if (born) {
        const from = Math.max(k.dob, k.firstDay - rng.int(0, 400));
        if (rng.chance(0.96)) {
          out.add('person_identifier', {
            id: ids.next('IDN'), person_id: k.pid, identifier_type: 'NHS',
            value: `999 ${String(rng.int(0, 999)).padStart(3, '0')} ${String(rng.int(0, 9999)).padStart(4, '0')}`,
            valid_from: iso(Math.max(k.dob, k.uasc ? k.firstDay : k.dob)), valid_to: null,
          });
        }
        const upnFrom = Math.max(cal.addYears(k.dob, 4), k.uasc ? k.firstDay : 0);
        if (upnFrom <= ctx.endDay && rng.chance(0.9)) {
          out.add('person_identifier', {
            id: ids.next('IDN'), person_id: k.pid, identifier_type: 'UPN',
            value: `Z999${String(rng.int(0, 99999999)).padStart(8, '0')}`,
            valid_from: iso(upnFrom), valid_to: null,
          });
        }
        const homeStart = from;
        const moveDay = fam.moved && fam.moved.day > homeStart && fam.moved.day <= ctx.endDay ? fam.moved.day : null;
        const addr = (a: names.Address, s: Day, e: Day | null) =>
          out.add('address', {
            id: ids.next('ADR'),
            address_json: JSON.stringify(a),
            person_id: k.pid,
            address_type: 'HOME',
            start_date: iso(s),
            end_date: e === null ? null : iso(e),
            postcode: a.postcode,
          });
        if (homeStart <= ctx.endDay) {
          addr(fam.address, homeStart, moveDay);
          if (moveDay !== null && fam.moved) addr(fam.moved.address, moveDay, null);
        }
      }
      for (const code of k.disabilities) out.add('disability', { id: ids.next('DIS'), person_id: k.pid, code });
      if (k.uasc) {
        const arrived = k.firstDay;
        const decided = arrived + rng.int(200, 900);
        out.add('immigration_status', {
          id: ids.next('IMM'), person_id: k.pid, status: 'UASC', start_date: iso(arrived),
          end_date: decided <= ctx.endDay ? iso(decided) : null,
        });
        if (decided <= ctx.endDay) {
          out.add('immigration_status', {
            id: ids.next('IMM'), person_id: k.pid, status: rng.weighted([['REF', 55], ['LTR', 20], ['ASY', 20], ['OTH', 5]] as const),
            start_date: iso(decided), end_date: null,
          });
        }
      } else if (born && rng.chance(0.03)) {
        out.add('immigration_status', {
          id: ids.next('IMM'), person_id: k.pid, status: rng.weighted([['EUSS', 50], ['ILR', 25], ['LTR', 15], ['REF', 10]] as const),
          start_date: iso(Math.max(k.dob, k.firstDay - rng.int(100, 2000))), end_date: null,
        });
      }
      out.add('family', { id: ids.next('FMB'), family_id: fam.id, person_id: k.pid });
    }
    const parents: [NonNullable<Family['mother']>, 'MOTHER' | 'FATHER'][] = [];
    if (fam.mother) parents.push([fam.mother, 'MOTHER']);
    if (fam.father) parents.push([fam.father, 'FATHER']);
    for (const [p, rel] of parents) {
      out.add('person', {
        id: p.pid,
        forename: p.forename,
        surname: fam.surname,
        sex: rel === 'MOTHER' ? 'F' : 'M',
        gender: null,
        ethnicity: used[0]!.ethnicity,
        dob: iso(p.dob),
        common_child_id: null,
        legacy_id: null,
        upn_unknown: null,
        send_flag: null,
        expected_dob: null,
        death_date: null,
        is_mother: rel === 'MOTHER',
        nationality: 'British',
      });
      out.add('family', { id: ids.next('FMB'), family_id: fam.id, person_id: p.pid });
      for (const k of used) {
        out.add('relationship', {
          id: ids.next('REL'), person_id: k.pid, related_person_id: p.pid, relationship: rel,
          parental_responsibility: rel === 'MOTHER' ? true : rng.chance(0.7),
          start_date: k.dob <= ctx.endDay ? iso(k.dob) : null, end_date: null,
        });
        if (rel === 'MOTHER') {
          out.add('mother', { id: ids.next('MOT'), person_id: p.pid, child_person_id: k.pid, child_dob: k.dob <= ctx.endDay ? iso(k.dob) : null });
        }
      }
    }
    for (let i = 0; i < used.length; i++) {
      for (let j = 0; j < used.length; j++) {
        if (i === j) continue;
        const a = used[i]!;
        const b = used[j]!;
        out.add('relationship', {
          id: ids.next('REL'), person_id: a.pid, related_person_id: b.pid, relationship: 'SIBLING',
          parental_responsibility: false, start_date: null, end_date: null,
        });
      }
    }
  }
}
