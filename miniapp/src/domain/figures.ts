/**
 * The leaders' figures without React: rates and counts written the Vietnamese way, the periods a leader picks (in
 * Vietnam's calendar, from an injected today), which level of the drill-down an address is at, agencies ranked by
 * their on-time rate, and the small SVG charts' geometry. The staff dashboard and the public transparency page
 * both read them.
 */
import { isCalendarDay, vnDate } from "../../../worker/src/domain/time";

/** What every group of the figures answer carries that the charts and ranking read. */
export type RatedGroup = { key: string | null; name: string | null; completed: number; onTimeRate: number | null };

/** A rate (fraction 0–1) as a percentage with one decimal and a decimal comma, "91,5 %"; "—" when there is none. */
export function formatRate(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return "—";
  return `${percentNumber(rate)} %`;
}

/**
 * The number of a percentage alone, "91,5": one decimal, decimal comma, rounded exactly as the server's CSV rounds
 * (to the nearest tenth of the rate as stored), so the screen and the exported file never differ by a tenth.
 */
export function percentNumber(rate: number): string {
  const tenths = Math.round(rate * 1000);
  const whole = Math.trunc(tenths / 10);
  return `${groupThousands(whole)},${Math.abs(tenths % 10)}`;
}

/** A count with a dot between thousands, as Vietnamese writes numbers: 1.234.567. */
export function formatCount(count: number): string {
  return groupThousands(Math.round(count));
}

function groupThousands(n: number): string {
  const sign = n < 0 ? "-" : "";
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** "412/450" — the counts behind a rate. */
export const formatShare = (part: number, whole: number) => `${formatCount(part)}/${formatCount(whole)}`;

export type Period = { from: string; to: string };
export type PeriodKind = "last12" | "thisYear" | "lastMonth" | "custom";

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `day` is a yyyy-MM-dd the calendar has. */
export function isDay(day: string): boolean {
  const m = DAY.exec(day);
  return !!m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Today in Vietnam as yyyy-MM-dd, whatever the phone's own zone. */
export const vnToday = (now: Date = new Date()) => vnDate(now);

/** The first day of the month `monthsBack` months before `day`'s month, yyyy-MM-01. */
export function monthStart(day: string, monthsBack = 0): string {
  const [y, m] = day.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) - monthsBack;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

/** The last day of `day`'s month. */
export function monthEnd(day: string): string {
  const next = monthStart(day, -1);
  const last = new Date(`${next}T00:00:00Z`).getTime() - 86_400_000;
  return new Date(last).toISOString().slice(0, 10);
}

/**
 * The period a choice names, on Vietnam's calendar: the last 12 months (this month so far and the 11 before it,
 * so the period's total is the sum of the 12 months its trend shows), this year to today, the whole of last month.
 */
export function periodOf(kind: Exclude<PeriodKind, "custom">, today: string): Period {
  switch (kind) {
    case "last12":
      return twelveMonthsTo(today);
    case "thisYear":
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case "lastMonth": {
      const from = monthStart(today, 1);
      return { from, to: monthEnd(from) };
    }
  }
}

/** The 12 calendar months that end with `to`'s month (that month up to `to`): a trend's span. */
export const twelveMonthsTo = (to: string): Period => ({ from: monthStart(to, 11), to });

/** The month keys ("yyyy-MM") a period spans, first to last: the trend's points, a month without figures included. */
export function monthKeys(period: Period): string[] {
  const keys: string[] = [];
  const last = period.to.slice(0, 7);
  for (let back = 0; keys.length < 600; back--) {
    const key = monthStart(period.from, back).slice(0, 7);
    if (key > last) break;
    keys.push(key);
  }
  return keys;
}

/** A custom period as typed: both days real, `from` not after `to`, `to` not after today; else why not. */
export function checkCustomPeriod(
  from: string,
  to: string,
  today: string,
): { ok: true; period: Period } | { ok: false; reason: "missing" | "order" | "future" } {
  if (!isDay(from) || !isDay(to)) return { ok: false, reason: "missing" };
  if (from > to) return { ok: false, reason: "order" };
  if (to > today) return { ok: false, reason: "future" };
  return { ok: true, period: { from, to } };
}

/** yyyy-MM-dd as people read it, dd/MM/yyyy. */
export function displayDay(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
}

/** A month key "yyyy-MM" as a chart's label, "12/2026". */
export function displayMonth(key: string): string {
  const [y, m] = key.split("-");
  return `${m}/${y}`;
}

/** Where the drill-down is: the province's agencies, one agency's departments, or one department's procedures. */
export type FiguresLevel =
  | { level: "province"; groupBy: "agency" }
  | { level: "agency"; groupBy: "department"; agencyId: string }
  | { level: "department"; groupBy: "procedure"; departmentId: string; agencyId?: string };

/** The level an address's query names (`agencyId`, `departmentId`); a department is the deepest. */
export function levelOf(params: { agencyId?: string | null; departmentId?: string | null }): FiguresLevel {
  if (params.departmentId) return { level: "department", groupBy: "procedure", departmentId: params.departmentId, agencyId: params.agencyId ?? undefined };
  if (params.agencyId) return { level: "agency", groupBy: "department", agencyId: params.agencyId };
  return { level: "province", groupBy: "agency" };
}

/**
 * Groups best first by on-time rate; those with nothing completed (no rate) last; equal rates by more completed,
 * then by name in Vietnamese order. The input is left as it was.
 */
export function rankByOnTime<G extends RatedGroup>(groups: readonly G[]): G[] {
  return [...groups].sort((a, b) => {
    if (a.onTimeRate === null || b.onTimeRate === null) return a.onTimeRate === b.onTimeRate ? byName(a, b) : a.onTimeRate === null ? 1 : -1;
    return b.onTimeRate - a.onTimeRate || b.completed - a.completed || byName(a, b);
  });
}

const byName = (a: RatedGroup, b: RatedGroup) => (a.name ?? a.key ?? "").localeCompare(b.name ?? b.key ?? "", "vi");

/** A chart's drawing area in SVG user units, with room at each edge for the line's dots. */
export type ChartBox = { width: number; height: number; pad: number };

/** The rates a trend's height spans: `low` at the bottom, 100 % at the top. */
export type TrendRange = { low: number; high: number };

/**
 * The span that shows how a trend moves: from the round ten percent at or below its lowest month less 5 points (so
 * the lowest month never sits on the floor) up to 100 %. Rates near 90 % move a few points a month, which a chart
 * from 0 % would flatten into a straight line. No rates: 0–100 %.
 */
export function trendRange(rates: readonly (number | null)[]): TrendRange {
  const counted = rates.filter((r): r is number => r != null && Number.isFinite(r));
  if (counted.length === 0) return { low: 0, high: 1 };
  const lowest = Math.min(...counted);
  return { low: Math.max(0, Math.floor(Math.round((lowest - 0.05) * 1000) / 100) / 10), high: 1 };
}

/**
 * A rate trend as one SVG path, x evenly spaced, y from `range.low` (bottom) to `range.high` (top), 0–100 % unless
 * given. A month without a rate breaks the line (the next point starts a new "M"), since joining across it would
 * claim a figure nobody counted. Coordinates with at most one decimal.
 */
export function trendPath(rates: readonly (number | null)[], box: ChartBox, range: TrendRange = { low: 0, high: 1 }): string {
  const points = trendPoints(rates, box, range);
  let path = "";
  let drawing = false;
  for (const point of points) {
    if (!point) {
      drawing = false;
      continue;
    }
    path += `${path ? " " : ""}${drawing ? "L" : "M"}${point.x} ${point.y}`;
    drawing = true;
  }
  return path;
}

/** Each rate's point in the box (null where there is no rate). */
export function trendPoints(
  rates: readonly (number | null)[],
  box: ChartBox,
  { low, high }: TrendRange = { low: 0, high: 1 },
): ({ x: number; y: number } | null)[] {
  const { width, height, pad } = box;
  const step = rates.length > 1 ? (width - 2 * pad) / (rates.length - 1) : 0;
  return rates.map((rate, i) => {
    if (rate == null || !Number.isFinite(rate)) return null;
    const share = (Math.min(high, Math.max(low, rate)) - low) / (high - low);
    const x = rates.length > 1 ? pad + i * step : width / 2;
    return { x: round1(x), y: round1(pad + (1 - share) * (height - 2 * pad)) };
  });
}

/** A bar's length for a rate, as a percentage of the track (0 for no rate). */
export const barPercent = (rate: number | null) => (rate == null ? 0 : round1(Math.min(1, Math.max(0, rate)) * 100));

const round1 = (n: number) => Math.round(n * 10) / 10;

export type FiguresGroupBy = "agency" | "department" | "procedure" | "month";
const FILE_WORDS: Record<FiguresGroupBy, string> = { agency: "co-quan", department: "phong-ban", procedure: "thu-tuc", month: "thang" };

/** The CSV file's name: by what it groups and over which days ("so-lieu-co-quan-2025-12-01-2026-12-03.csv"). */
export function csvFileName(groupBy: FiguresGroupBy, period: Period): string {
  return `so-lieu-${FILE_WORDS[groupBy]}-${period.from}-${period.to}.csv`;
}
