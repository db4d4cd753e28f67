/**
 * The parts of a figures page, each reading the figures it needs through `read` (the staff's reads through the
 * session, or the province's public ones): the two headline rates with their 12-month trend, the groups ranked and
 * tabled, the feedback figures, the months tabled. The staff dashboard and the transparency page both use them.
 */
import type { ReactNode } from "react";
import { type RecoilValue, useRecoilValue, waitForAll } from "recoil";
import type { FiguresGroup, FiguresQuery } from "../../api/figures";
import { displayMonth, formatCount, formatRate, monthKeys, rankByOnTime, twelveMonthsTo } from "../../domain/figures";
import type { Outcome } from "../../state/outcome";
import { Headline, RankBars, TrendLine } from "./Charts";
import { FiguresCard } from "./FiguresCard";
import { FiguresTable } from "./FiguresTable";
import { figuresWords as w } from "./figures-words";

export type FiguresAnswer = { groups: readonly FiguresGroup[]; total: FiguresGroup };
export type ReadFigures = (query: FiguresQuery) => RecoilValue<Outcome<FiguresAnswer>>;
type Export = (query: FiguresQuery) => ReactNode;

/** Both reads at once (not one after the other), their failure thrown to the nearest ErrorBoundary. */
function useFigures(read: ReadFigures, ...queries: FiguresQuery[]): FiguresAnswer[] {
  const outcomes = useRecoilValue(waitForAll(queries.map(read)));
  return outcomes.map((outcome) => {
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  });
}

/** The 12 months up to the end of the query's period, by month, for the same place. */
const trendQuery = (query: FiguresQuery): FiguresQuery => ({ ...query, groupBy: "month", ...twelveMonthsTo(query.to) });

/** Each month of the trend with its group (zeros where the answer has none), in order. */
function byMonth(query: FiguresQuery, months: FiguresAnswer): { month: string; group: FiguresGroup | undefined }[] {
  const found = new Map(months.groups.map((g) => [g.key, g]));
  return monthKeys(query).map((month) => ({ month, group: found.get(month) }));
}

/** The two rates; with `explain`, each with one sentence on how it is counted (for readers outside the service). */
export function Headlines({ read, query, explain = false }: { read: ReadFigures; query: FiguresQuery; explain?: boolean }) {
  const trend = trendQuery(query);
  const [figures, months] = useFigures(read, query, trend) as [FiguresAnswer, FiguresAnswer];
  const { total } = figures;
  const series = byMonth(trend, months);
  return (
    <div className="headlines">
      <Headline title={w.onTime} rate={total.onTimeRate} counts={w.onTimeCounts(total.completedOnTime, total.completed)}>
        <TrendLine what={w.onTime} months={series.map((m) => ({ month: m.month, rate: m.group?.onTimeRate ?? null }))} />
        <p className={total.overdueNow > 0 ? "headline-overdue" : "muted"}>{w.overdueNow(total.overdueNow)}</p>
        {explain && <p className="meaning">{w.onTimeMeaning}</p>}
      </Headline>
      <Headline title={w.satisfaction} rate={total.satisfactionRate} counts={w.satisfiedCounts(total.satisfied, total.ratings)}>
        <TrendLine what={w.satisfaction} months={series.map((m) => ({ month: m.month, rate: m.group?.satisfactionRate ?? null }))} />
        {explain && <p className="meaning">{w.satisfactionMeaning}</p>}
      </Headline>
    </div>
  );
}

/** The level's groups ranked by on-time rate (a tap opens the next level), then all their figures as a table. */
export function GroupsFigures({
  read,
  query,
  title,
  hint,
  nextLevel,
  exportAs,
}: {
  read: ReadFigures;
  query: FiguresQuery;
  title: string;
  hint?: string;
  nextLevel?: (key: string) => string | undefined;
  exportAs?: Export;
}) {
  const [figures] = useFigures(read, query) as [FiguresAnswer];
  const named = (g: FiguresGroup) => g.name || g.key || w.unnamed;
  if (figures.groups.length === 0) {
    return (
      <FiguresCard title={title}>
        <p className="muted">{w.empty}</p>
      </FiguresCard>
    );
  }
  return (
    <>
      <FiguresCard title={`${title} · ${w.rankTitle}`}>
        {hint && <p className="muted">{hint}</p>}
        <RankBars
          title={w.rankTitle}
          rows={rankByOnTime(figures.groups).map((g) => ({
            key: g.key,
            name: named(g),
            rate: g.onTimeRate,
            detail: g.completed === 0 ? w.noRate : w.onTimeCounts(g.completedOnTime, g.completed),
            to: g.key ? nextLevel?.(g.key) : undefined,
          }))}
        />
      </FiguresCard>
      <FiguresTable
        title={`${title} · ${w.tableTitle}`}
        nameHeader={w.columns.name}
        rows={figures.groups.map((g) => ({ key: g.key, label: named(g), to: g.key ? nextLevel?.(g.key) : undefined, group: g }))}
        total={figures.total}
      >
        {exportAs?.(query)}
      </FiguresTable>
    </>
  );
}

/** Feedback in the period: received, answered (and within the province's time limit), satisfied with the answer. */
export function FeedbackFigures({ read, query }: { read: ReadFigures; query: FiguresQuery }) {
  const [{ total }] = useFigures(read, query) as [FiguresAnswer];
  const f = w.feedback;
  const rows: [string, string, string][] = [
    ["received", f.received, formatCount(total.feedbackReceived)],
    ["answered", f.answered, f.of(total.feedbackAnswered, total.feedbackReceived)],
    ["answeredOnTime", f.answeredOnTime, f.of(total.feedbackAnsweredOnTime, total.feedbackAnswered)],
    ["satisfied", f.satisfied, `${formatRate(total.feedbackSatisfactionRate)} (${f.of(total.feedbackSatisfied, total.feedbackRated)})`],
  ];
  return (
    <FiguresCard title={w.feedbackTitle}>
      <dl className="figure-list">
        {rows.map(([key, label, value]) => (
          <div key={key} className="figure-item" data-figure={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{w.feedbackMeaning}</p>
    </FiguresCard>
  );
}

/** The 12 months of the trend as a table, in the order the CSV export has them. */
export function MonthsFigures({ read, query, exportAs }: { read: ReadFigures; query: FiguresQuery; exportAs?: Export }) {
  const trend = trendQuery(query);
  const [months] = useFigures(read, trend) as [FiguresAnswer];
  return (
    <FiguresTable
      title={w.monthsTitle}
      nameHeader={w.columns.month}
      rows={months.groups.map((g) => ({ key: g.key, label: displayMonth(g.key), group: g }))}
      total={months.total}
    >
      {exportAs?.(trend)}
    </FiguresTable>
  );
}
