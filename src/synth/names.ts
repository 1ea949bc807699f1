/**
 * Obviously fictional names and places. Surnames are built from syllables that do not make common
 * English surnames; streets are invented; postcodes use the non-existent "ZZ" area; the town is the
 * fictional Northmoor. Forenames alone are common given names and identify nobody.
 */
import type { Rng } from './prng.js';

const SUR_A = [
  'Ablen', 'Brask', 'Corvel', 'Drumm', 'Elsk', 'Fennick', 'Gorrow', 'Hask', 'Ilvey', 'Jarrow', 'Kettel', 'Lorrim', 'Marrow',
  'Nettle', 'Orvin', 'Pellow', 'Quenn', 'Rook', 'Sallow', 'Thistle', 'Umber', 'Vessel', 'Wendle', 'Yarrow', 'Zell', 'Brindle',
  'Cobble', 'Dapple', 'Emble', 'Fallow', 'Grisel', 'Hobble', 'Juniper', 'Kindle', 'Lantern', 'Mossel', 'Nimble', 'Ottery',
];
const SUR_B = [
  'whistle', 'stave', 'thorpe', 'brook', 'mire', 'gate', 'wick', 'harrow', 'crest', 'fold', 'warden', 'spindle', 'vane', 'moss',
  'hallow', 'kettle', 'mantle', 'quill', 'rime', 'sedge', 'tallow', 'wold', 'yard', 'bracken',
];

const GIRLS = [
  'Amelia', 'Ava', 'Isla', 'Olivia', 'Mia', 'Freya', 'Lily', 'Grace', 'Ivy', 'Aisha', 'Zara', 'Maryam', 'Ella', 'Ruby', 'Sophie',
  'Evie', 'Poppy', 'Hana', 'Nia', 'Amara', 'Layla', 'Chloe', 'Jasmine', 'Priya', 'Eden', 'Skye', 'Maisie', 'Harper', 'Leah', 'Aaliyah',
];
const BOYS = [
  'Oliver', 'Noah', 'Jack', 'Harry', 'Leo', 'Muhammad', 'Oscar', 'Charlie', 'Jacob', 'Alfie', 'Ibrahim', 'Yusuf', 'Kai', 'Tyler',
  'Mason', 'Riley', 'Jayden', 'Ethan', 'Arjun', 'Zain', 'Logan', 'Reggie', 'Finley', 'Theo', 'Kian', 'Rayan', 'Dylan', 'Archie',
  'Liam', 'Adam',
];
const ADULT_WOMEN = ['Kerry', 'Leanne', 'Sadia', 'Gemma', 'Rachel', 'Nadia', 'Donna', 'Samira', 'Claire', 'Tasha', 'Kelly', 'Farzana', 'Stacey', 'Joanne', 'Amina', 'Lisa'];
const ADULT_MEN = ['Darren', 'Imran', 'Wayne', 'Lee', 'Tariq', 'Craig', 'Dean', 'Asif', 'Marcus', 'Jason', 'Carl', 'Kamran', 'Scott', 'Gary', 'Nathan', 'Shane'];
const STAFF = [
  'Alex', 'Sam', 'Jo', 'Chris', 'Pat', 'Robin', 'Jamie', 'Morgan', 'Taylor', 'Casey', 'Jordan', 'Kim', 'Lesley', 'Hilary', 'Ashley',
  'Frankie', 'Drew', 'Rowan', 'Sasha', 'Nicky', 'Toni', 'Charlie', 'Jess', 'Ali', 'Bev', 'Mel', 'Viv', 'Dev', 'Raj', 'Femi',
];

const STREET_A = ['Quillon', 'Marrowdale', 'Thistlebank', 'Brindlecombe', 'Fallowmere', 'Kettlewold', 'Sallowgate', 'Wendlebury', 'Yarrowfold', 'Cobblethorpe', 'Lanternhey', 'Orvinshaw', 'Pellowmoor', 'Nettlecrest', 'Umberlow', 'Gorrowick'];
const STREET_B = ['Road', 'Street', 'Lane', 'Close', 'Avenue', 'Crescent', 'Way', 'Grove', 'Walk', 'Rise'];
const DISTRICTS = ['Northmoor Central', 'Ashen Vale', 'Greyhollow', 'Moorside', 'Kestlebridge', 'Upper Northmoor'];

export function surname(rng: Rng): string {
  return rng.pick(SUR_A) + rng.pick(SUR_B);
}

export function childForename(rng: Rng, sex: 'M' | 'F'): string {
  return rng.pick(sex === 'F' ? GIRLS : BOYS);
}

export function adultForename(rng: Rng, sex: 'M' | 'F'): string {
  return rng.pick(sex === 'F' ? ADULT_WOMEN : ADULT_MEN);
}

export function staffName(rng: Rng): string {
  return `${rng.pick(STAFF)} ${surname(rng)}`;
}

/** A postcode in the invented ZZ area, e.g. "ZZ4 7QT". */
export function postcode(rng: Rng, district?: number): string {
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  const d = district ?? rng.int(1, 9);
  return `ZZ${d} ${rng.int(1, 9)}${letters[rng.int(0, letters.length - 1)]}${letters[rng.int(0, letters.length - 1)]}`;
}

export interface Address {
  line1: string;
  district: string;
  town: string;
  postcode: string;
}

export function address(rng: Rng, area: number): Address {
  return {
    line1: `${rng.int(1, 180)} ${rng.pick(STREET_A)} ${rng.pick(STREET_B)}`,
    district: DISTRICTS[area % DISTRICTS.length]!,
    town: 'Northmoor',
    postcode: postcode(rng, (area % 9) + 1),
  };
}

const PROVIDER_A = ['Brightwell', 'Harbour', 'Lanternlight', 'Meadowsweet', 'Northmoor', 'Oakhollow', 'Riverbend', 'Stillwater', 'Thornfield', 'Willowmere'];
const PROVIDER_B: Record<string, string[]> = {
  foster: ['Fostering Service', 'Family Placements', 'Foster Care Partnership'],
  home: ['Children’s Home', 'House', 'Lodge'],
  supported: ['Supported Living', 'Young People’s Housing', 'Step-On Project'],
  adoption: ['Adoption Agency', 'Regional Adoption Partnership'],
  other: ['Care Services', 'Family Centre'],
};

export function providerName(rng: Rng, kind: keyof typeof PROVIDER_B): string {
  return `${rng.pick(PROVIDER_A)} ${rng.pick(PROVIDER_B[kind]!)} (fictional)`;
}

export const UASC_NATIONALITIES = ['Afghan', 'Eritrean', 'Sudanese', 'Iranian', 'Iraqi', 'Vietnamese', 'Albanian', 'Syrian', 'Kurdish'];
