/**
 * Code lists. Codes are stored; labels are shown.
 *
 * The DfE lists follow the CIN census and SSDA903 guidance (see ../shared/docs/domain.md). The "Threadline"
 * lists cover what the statutory returns do not define (contact outcomes, agencies, grades ...); they are
 * documented in docs/data-format.md.
 */

export type CodeList = Readonly<Record<string, string>>;

export const codeLists = {
  /** DfE referral / contact source (CIN census). */
  referralSource: {
    '1A': 'Individual: family member, relative or carer',
    '1B': 'Individual: acquaintance (including neighbours and child minders)',
    '1C': 'Individual: self',
    '1D': 'Individual: other',
    '2A': 'Schools',
    '2B': 'Education services',
    '3A': 'Health services: GP',
    '3B': 'Health services: health visitor',
    '3C': 'Health services: school nurse',
    '3D': 'Health services: other primary health services',
    '3E': 'Health services: A&E (emergency department)',
    '3F': 'Health services: other',
    '4': 'Housing',
    '5A': 'LA services: social care (for example adult social care)',
    '5B': 'LA services: other internal department',
    '5C': 'LA services: external (for example from another local authority)',
    '5D': 'LA services: early help',
    '6': 'Police',
    '7': 'Other legal agency',
    '8': 'Other',
    '9': 'Anonymous',
    '10': 'Unknown',
  },
  primaryNeed: {
    N1: 'Abuse or neglect',
    N2: "Child's disability",
    N3: 'Parental disability or illness',
    N4: 'Family in acute stress',
    N5: 'Family dysfunction',
    N6: 'Socially unacceptable behaviour',
    N7: 'Low income',
    N8: 'Absent parenting',
    N9: 'Cases other than children in need',
    N0: 'Not stated',
  },
  abuseCategory: {
    NEG: 'Neglect',
    PHY: 'Physical abuse',
    SAB: 'Sexual abuse',
    EMO: 'Emotional abuse',
    MUL: 'Multiple',
  },
  cinClosureReason: {
    RC1: 'Adopted',
    RC2: 'Died',
    RC3: 'Child arrangements order',
    RC4: 'Special guardianship order',
    RC5: 'Transferred to services of another local authority',
    RC6: 'Transferred to adult social care services',
    RC7: 'Services ceased for any other reason, including child no longer in need',
    RC8: 'Case closed after assessment, no further action',
    RC9: 'Case closed after assessment, referred to early help',
  },
  assessmentFactor: {
    '1A': 'Alcohol misuse: child', '1B': 'Alcohol misuse: parent or carer', '1C': 'Alcohol misuse: other person',
    '2A': 'Drug misuse: child', '2B': 'Drug misuse: parent or carer', '2C': 'Drug misuse: other person',
    '3A': 'Domestic abuse: child', '3B': 'Domestic abuse: parent or carer', '3C': 'Domestic abuse: other person',
    '4A': 'Mental health: child', '4B': 'Mental health: parent or carer', '4C': 'Mental health: other person',
    '5A': 'Learning disability: child', '5B': 'Learning disability: parent or carer', '5C': 'Learning disability: other person',
    '6A': 'Physical disability or illness: child', '6B': 'Physical disability or illness: parent or carer',
    '6C': 'Physical disability or illness: other person',
    '7A': 'Young carer',
    '8B': 'Privately fostered: overseas child intending to return', '8C': 'Privately fostered: overseas child staying',
    '8D': 'Privately fostered: UK child in education', '8E': 'Privately fostered: UK child, parents cannot care',
    '8F': 'Privately fostered: other',
    '9A': 'Unaccompanied asylum-seeking child',
    '10A': 'Going or being missing',
    '11A': 'Child sexual exploitation',
    '12A': 'Trafficking',
    '13A': 'Gangs',
    '14A': 'Socially unacceptable behaviour',
    '15A': 'Self-harm',
    '16A': 'Neglect',
    '17A': 'Emotional abuse',
    '18B': 'Physical abuse: parent or carer', '18C': 'Physical abuse: other person',
    '19B': 'Sexual abuse: parent or carer', '19C': 'Sexual abuse: other person',
    '20': 'Other',
    '21': 'No factors identified',
    '22A': 'Female genital mutilation',
    '23A': 'Abuse linked to faith or belief',
    '24A': 'Child criminal exploitation',
  },
  disability: {
    NONE: 'No disability', MOB: 'Mobility', HAND: 'Hand function', PC: 'Personal care', INC: 'Incontinence',
    COMM: 'Communication', LD: 'Learning', HEAR: 'Hearing', VIS: 'Vision', BEH: 'Behaviour', CON: 'Consciousness',
    AUT: 'Autism or Asperger syndrome', DDA: 'Other disability (Disability Discrimination Act)',
  },
  reasonNewEpisode: {
    S: 'Started to be looked after',
    L: 'Change of legal status only',
    P: 'Change of placement and carer(s) only',
    T: 'Change of placement, same carer(s)',
    B: 'Change of legal status and placement and carer(s) at the same time',
    U: 'Change of legal status and change of placement, same carer(s)',
  },
  legalStatus: {
    C1: 'Interim care order', C2: 'Full care order', D1: 'Freeing order granted', E1: 'Placement order granted',
    V2: 'Accommodated under section 20 (single period)', V3: 'Accommodated under an agreed series of short-term breaks (single placements)',
    V4: 'Accommodated under an agreed series of short-term breaks (not single placements)',
    L1: 'Under police protection', L2: 'Emergency protection order', L3: 'Under child assessment order and in LA accommodation',
    J1: 'Remanded to LA accommodation or youth detention accommodation',
    J2: 'Placed in LA accommodation under PACE', J3: 'Sentenced to a youth rehabilitation order with residence requirement',
  },
  placementType: {
    A3: 'Placed for adoption: consent, with current foster carer', A4: 'Placed for adoption: consent, not with current foster carer',
    A5: 'Placed for adoption: placement order, with current foster carer', A6: 'Placed for adoption: placement order, not with current foster carer',
    U1: 'Foster placement with relative or friend: long term', U2: 'Foster placement with relative or friend: FFA or concurrent planning',
    U3: 'Foster placement with relative or friend: not long term or FFA', U4: 'Foster placement with other foster carer: long term',
    U5: 'Foster placement with other foster carer: FFA or concurrent planning', U6: 'Foster placement with other foster carer: not long term or FFA',
    K1: 'Secure children’s home', K2: 'Children’s home', K3: 'Residential school (not a children’s home)',
    P1: 'Placed with own parent(s) or person with parental responsibility', P2: 'Independent living (e.g. flat, lodgings, bedsit)',
    P3: 'Residential employment', R1: 'Residential care home', R2: 'NHS or health trust residential establishment',
    R3: 'Family centre or mother and baby unit', R5: 'Young offender institution or prison', S1: 'All residential schools, except dual-registered',
    T0: 'Temporary placement (all types)', T1: 'Temporary: periods in hospital', T2: 'Temporary: holiday', T3: 'Temporary: other',
    T4: 'Temporary: away from placement', Z1: 'Other placement', Z11: 'Supported accommodation (Ofsted registered)',
    Z12: 'Supported accommodation (other)', Z13: 'Unregulated placement', Z14: 'Other placement (not listed)',
  },
  reasonEpisodeCeased: {
    E11: 'Adopted: application unopposed', E12: 'Adopted: consent dispensed with', E13: 'Left care to live with parent(s) or relative(s)',
    E14: 'Accommodation on remand ended', E15: 'Age assessment determined child aged 18 or over', E16: 'Child moved abroad',
    E17: 'Aged 18 (or over) and remained with former foster carers', E2: 'Died', E3: 'Care taken over by another LA in the UK',
    E4A: 'Returned home to parents or others with parental responsibility (planned)', E4B: 'Returned home (not planned)',
    E41: 'Residence order or child arrangements order granted', E45: 'Special guardianship order made to former foster carers',
    E46: 'Special guardianship order made to carers other than former foster carers',
    E47: 'Special guardianship order made to former foster carers who are relatives or friends',
    E48: 'Special guardianship order made to carers other than former foster carers, relatives or friends',
    E5: 'Moved into independent living (supportive accommodation)', E6: 'Moved into independent living (no formalised support)',
    E7: 'Transferred to residential care funded by adult social care', E8: 'Period of care ended for any other reason',
    E9: 'Sentenced to custody', X1: 'Episode ceases and a new episode begins on the same day',
  },
  missingType: { M: 'Missing', A: 'Away from placement without authorisation' },
  yesNo: { Y: 'Yes', N: 'No' },
  sex: { M: 'Male', F: 'Female', U: 'Not known' },
  /** Threadline: the front-door decision on a contact. */
  contactOutcome: {
    NFA: 'No further action',
    ADV: 'Advice and information given',
    EH: 'Step down to early help',
    REF: 'Accept as a referral to children’s social care',
  },
  /** Threadline: agencies invited to and attending strategy discussions. */
  agency: {
    POL: 'Police', HEA: 'Health', SCH: 'School or education', EH: 'Early help', CSC: 'Children’s social care',
    PRO: 'Probation', HOU: 'Housing', OTH: 'Other agency',
  },
  /** Threadline: outcome of a strategy discussion. */
  strategyOutcome: {
    S47: 'Start a section 47 enquiry', SA: 'Continue with a single assessment', NFA: 'No further action',
  },
  /** Threadline: status of a plan action. */
  actionStatus: { OPEN: 'Not started', PROG: 'In progress', DONE: 'Done', DROP: 'No longer needed' },
  planType: { CIN: 'Child in need plan', CP: 'Child protection plan', CLA: 'Care plan', EH: 'Early help plan', PW: 'Pathway plan' },
  /** Threadline: kinds of oversight record. */
  supervisionType: { CS: 'Case supervision', MO: 'Management oversight' },
  /** Threadline: allocation roles. CH is the case-holding role. */
  allocationRole: {
    CH: 'Allocated (case-holding) social worker', CO: 'Co-worker', PA: 'Personal adviser', EHW: 'Early help worker',
    IRO: 'Independent reviewing officer',
  },
  auditGrade: { O: 'Outstanding', G: 'Good', RI: 'Requires improvement', I: 'Inadequate' },
  serviceArea: {
    FD: 'Front door (MASH)', EH: 'Early help', AS: 'Assessment', CM: 'Care management (CIN and CP)', CLA: 'Children looked after',
    LC: 'Leaving care', DC: 'Disabled children', QA: 'Quality assurance', PERM: 'Permanence and adoption',
  },
  feedbackType: { COMP: 'Complaint', CPLT: 'Compliment' },
  meetingType: { CG: 'Core group', RCPC: 'Review child protection conference', CINR: 'Child in need review', PPM: 'Professionals meeting' },
  careLeaverActivity: {
    F1: 'Higher education', F2: 'Education other than higher education', F3: 'Training or employment',
    F4: 'Not in education, training or employment (illness or disability)', F5: 'Not in education, training or employment (other)',
    G4: 'Not in education, training or employment (pregnancy or parenting)', G5: 'Not in touch', G6: 'Young person died',
  },
  careLeaverAccommodation: {
    B: 'With parents or relatives', C: 'Community home', D: 'Semi-independent, transitional accommodation',
    E: 'Supported lodgings', G: 'Gone abroad', H: 'Deported', K: 'Ordinary lodgings', R: 'Residence not known',
    S: 'No fixed abode or homeless', T: 'Foyers', U: 'Independent living', V: 'Emergency accommodation',
    W: 'Bed and breakfast', X: 'In custody', Y: 'Other accommodation', Z: 'With former foster carers',
  },
  careLeaverInTouch: { YES: 'In touch', NO: 'Not in touch', DIED: 'Died', REFU: 'Refuses contact', NREQ: 'No longer requires services', RHOM: 'Returned home' },
  identifierType: { UPN: 'Unique pupil number', NHS: 'NHS number', ULN: 'Unique learner number', FORMER_UPN: 'Former unique pupil number', LEGACY: 'Legacy system ID' },
  addressType: { HOME: 'Home address', PLAC: 'Placement address', PREV: 'Previous address', CORR: 'Correspondence address' },
  relationship: {
    MOTHER: 'Mother', FATHER: 'Father', SIBLING: 'Sibling', STEPPARENT: 'Step-parent', GRANDPARENT: 'Grandparent',
    CARER: 'Carer', PARTNER: 'Partner of parent', OTHER: 'Other relative or friend',
  },
  ethnicity: {
    WBRI: 'White British', WIRI: 'White Irish', WOTH: 'Any other White background', WIRT: 'Traveller of Irish heritage', WROM: 'Gypsy/Roma',
    MWBC: 'White and Black Caribbean', MWBA: 'White and Black African', MWAS: 'White and Asian', MOTH: 'Any other mixed background',
    AIND: 'Indian', APKN: 'Pakistani', ABAN: 'Bangladeshi', AOTH: 'Any other Asian background', BCRB: 'Black Caribbean',
    BAFR: 'Black African', BOTH: 'Any other Black background', CHNE: 'Chinese', OOTH: 'Any other ethnic group',
    REFU: 'Refused', NOBT: 'Information not yet obtained',
  },
  /** Threadline: the permanence plan in a looked-after child's care plan. */
  permanencePlan: {
    RET: 'Return to parents or family', ADOP: 'Adoption', SGO: 'Special guardianship order', CAO: 'Child arrangements order',
    LTF: 'Long-term fostering', RES: 'Residential care', INDEP: 'Supported living in the community', OTH: 'Other',
  },
  immigrationStatus: {
    UASC: 'Unaccompanied asylum-seeking child', REF: 'Refugee status', ILR: 'Indefinite leave to remain', LTR: 'Limited leave to remain',
    ASY: 'Asylum seeker', EUSS: 'EU settlement scheme', BRIT: 'British citizen', OTH: 'Other',
  },
} as const satisfies Record<string, CodeList>;

export type CodeListName = keyof typeof codeLists;

export function isCode(list: CodeListName, code: string): boolean {
  return Object.prototype.hasOwnProperty.call(codeLists[list], code);
}

export function codeLabel(list: CodeListName, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  return (codeLists[list] as CodeList)[code] ?? code;
}
