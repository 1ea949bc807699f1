/**
 * Measure 13: social worker vacancy rate, with the agency cover share beside it (settled detail 13). A post's
 * vacant FTE is its FTE minus the FTE of its non-agency holders in post (never below 0); a holder on long-term
 * absence still fills the post. Agency FTE in a post covers at most that post's vacant FTE.
 */
import { fromThousandths, percentText, toThousandths } from '../arithmetic.js';
import { openAt } from '../context.js';
import { absence, holder, inputsOf, post, worker } from '../fixtures.js';
import { monthEnd } from '../period.js';
import { drillRow, type MeasureDefinition } from '../types.js';
import { day } from './common.js';
import { workerStatesAt } from './workforce.js';

const fte = (k: number) => String(fromThousandths(k));

export const m13SwVacancyRate: MeasureDefinition = {
  id: 'm13-sw-vacancy-rate',
  number: 13,
  title: 'Social worker vacancy rate',
  frequency: 'as at month end',
  better: 'low',
  unit: 'percent',
  decimals: 1,
  serviceArea: 'Workforce',
  definition: {
    numerator:
      'Vacant FTE: for each social worker post, its FTE minus the FTE of its non-agency holders in post at month end, never below 0.',
    denominator: 'Establishment FTE: the FTE of the social worker posts open at month end.',
    inclusions:
      'A post filled only by an agency worker is vacant. A permanent holder on long-term absence still fills the post. Part-time ' +
      'holders fill their FTE.',
    exclusions: 'Posts that are not social worker posts; holders who have left the authority (they fill nothing).',
    notes:
      'Reported beside it: the agency cover share, agency FTE covering vacant FTE ÷ vacant FTE, counted post by post (agency FTE in ' +
      'a post covers at most that post\'s vacant FTE). FTE is carried in exact thousandths.',
  },
  settings: [],
  *rows(ctx, month) {
    const end = monthEnd(month);
    const workers = workerStatesAt(ctx, end);
    for (const p of ctx.open.posts(end)) {
      if (!p.socialWorker) continue;
      const holders = (ctx.holdersByPost.get(p.id) ?? []).filter((h) => openAt(h.startDate, h.endDate, end));
      let permanentK = 0;
      let agencyK = 0;
      const gone: string[] = [];
      for (const h of holders) {
        const w = workers(h.workerId);
        if (!w.employed) gone.push(w.name);
        else if (h.agency) agencyK += toThousandths(h.fte);
        else permanentK += toThousandths(h.fte);
      }
      const postK = toThousandths(p.fte);
      const vacantK = Math.max(0, postK - permanentK);
      const coverK = Math.min(agencyK, vacantK);
      yield drillRow(
        {
          personId: null, recordId: p.id, teamId: p.teamId, inNumerator: vacantK > 0, inDenominator: true,
          numeratorWeight: fromThousandths(vacantK), denominatorWeight: p.fte, dates: { postStart: p.startDate },
          counts: { establishment: p.fte, vacant: fromThousandths(vacantK), agency: fromThousandths(agencyK), agencyCover: fromThousandths(coverK) },
          problem: gone.length > 0 ? `still recorded in the post after leaving the authority: ${gone.join(', ')}` : undefined,
        },
        () => {
          const who = holders.map((h) => {
            const { name, employed, absence: away } = workers(h.workerId);
            if (!employed) return `${name} (left the authority: fills nothing)`;
            return `${name} ${h.fte} FTE${h.agency ? ' agency' : ''}${away && !h.agency ? ` (on long-term absence since ${day(away.startDate, end)}: still fills the post)` : ''}`;
          });
          const cover = coverK > 0 ? `, ${fte(coverK)} FTE covered by agency` : '';
          return `${p.fte} FTE post; ${who.length > 0 ? who.join(', ') : 'no holder'}; vacant ${fte(vacantK)} FTE${cover}`;
        },
      );
    }
  },
  extras: (totals) => {
    const vacantK = toThousandths(totals.vacant ?? 0);
    const coverK = toThousandths(totals.agencyCover ?? 0);
    const share = percentText(coverK, vacantK);
    return {
      establishmentFte: totals.establishment ?? 0,
      vacantFte: totals.vacant ?? 0,
      agencyFte: totals.agency ?? 0,
      agencyCoverFte: totals.agencyCover ?? 0,
      uncoveredVacantFte: fromThousandths(vacantK - coverK),
      agencyCoverShare: share.value ?? 'no data',
      agencyCoverShareDisplay: share.text,
    };
  },
  example: {
    month: '2025-03',
    story:
      'Four social worker posts, 3.5 FTE. S1 is held by Ann, on long-term sick leave: she still fills it. S2 (1 FTE) is held by Ben ' +
      'part-time at 0.6 FTE: 0.4 vacant. S3 is held only by an agency worker, Cat: 1 FTE vacant, covered by agency. S4 (0.5 FTE) ' +
      'was held by Dan, who left the authority on 14 March: 0.5 vacant. A team manager post is not a social worker post. Vacant: ' +
      '1.9 of 3.5 FTE; agency covers 1 of the 1.9.',
    inputs: () =>
      inputsOf(
        worker('W1', 'Ann'), post('S1', 'T1', 1), holder('S1', 'W1', 1), absence('W1', '2025-01-06'),
        worker('W2', 'Ben'), post('S2', 'T1', 1), holder('S2', 'W2', 0.6),
        worker('W3', 'Cat'), post('S3', 'T2', 1), holder('S3', 'W3', 1, { agency: true }),
        worker('W4', 'Dan', '2025-03-14'), post('S4', 'T2', 0.5), holder('S4', 'W4', 0.5, { end: '2025-03-14' }),
        worker('W5', 'Eve'), post('M1', 'T1', 1, { socialWorker: false, caseHolding: false }), holder('M1', 'W5', 1),
      ),
    expected: '54.3%',
  },
};
