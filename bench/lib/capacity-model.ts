/**
 * How a province's database grows under the data lifecycle, from three measured costs of a dossier: in full (its
 * first 90 days, messages and deliveries still there), once its messages are pruned (until its personal data goes,
 * the retention after it closed), and retained (anonymised, for good). A province filing `perMonth` dossiers holds,
 * after t months, every month's dossiers at the cost their age gives them:
 *
 *   size(t) = fixed + perMonth × ∫₀ᵗ cost(age) d(age)
 *
 * so it grows by perMonth × full a month at first and by perMonth × retained once the oldest months are past
 * retention (the steady state), and the months that fit in a database are where size(t) reaches its cap.
 */

/** Bytes per dossier at each stage of its life. */
export type StageCosts = { full: number; afterMessages: number; retained: number };

export type Province = {
  /** Dossiers filed a month into this database. */
  perMonth: number;
  /** Months a finished message is kept (90 days). */
  messageMonths: number;
  /** Months a closed dossier keeps its personal data (the province's setting). */
  retentionMonths: number;
  /** Months from receipt to the dossier's last change (its return or closing), on average: the retention's start. */
  closeLagMonths: number;
  /** What the database holds before any dossier: the schema and the reference data. */
  fixedBytes: number;
};

/** The ages (in months) where a dossier's cost steps down: messages pruned, then personal data removed. */
function steps(p: Province): [number, number] {
  const pruned = p.messageMonths;
  return [pruned, Math.max(pruned, p.retentionMonths + p.closeLagMonths)];
}

/** What one dossier costs at `age` months. */
export function costAt(age: number, costs: StageCosts, p: Province): number {
  const [pruned, anonymised] = steps(p);
  return age < pruned ? costs.full : age < anonymised ? costs.afterMessages : costs.retained;
}

/** The database's bytes after `months` of filing. */
export function bytesAfter(months: number, costs: StageCosts, p: Province): number {
  const [pruned, anonymised] = steps(p);
  const within = (from: number, to: number) => Math.max(0, Math.min(months, to) - from);
  const dossierMonths =
    within(0, pruned) * costs.full + within(pruned, anonymised) * costs.afterMessages + within(anonymised, Number.POSITIVE_INFINITY) * costs.retained;
  return p.fixedBytes + p.perMonth * dossierMonths;
}

/** Growth in bytes per month once `months` have been filed: the month turning `months` old leaves its stage. */
export function growthPerMonth(months: number, costs: StageCosts, p: Province): number {
  return p.perMonth * costAt(months, costs, p);
}

/** Months of filing until the database reaches `capacityBytes` (Infinity if nothing is ever kept). */
export function monthsThatFit(capacityBytes: number, costs: StageCosts, p: Province): number {
  const [pruned, anonymised] = steps(p);
  const stages: [number, number, number][] = [
    [0, pruned, costs.full],
    [pruned, anonymised, costs.afterMessages],
    [anonymised, Number.POSITIVE_INFINITY, costs.retained],
  ];
  let left = capacityBytes - p.fixedBytes;
  if (left <= 0) return 0;
  for (const [from, to, cost] of stages) {
    const perMonth = p.perMonth * cost;
    if (to <= from) continue;
    if (perMonth <= 0) {
      if (to === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
      continue;
    }
    if (perMonth * (to - from) >= left) return from + left / perMonth;
    left -= perMonth * (to - from);
  }
  return Number.POSITIVE_INFINITY;
}
