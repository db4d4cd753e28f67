/**
 * /transparency — the province's figures for anyone, no sign-in: the on-time and satisfaction rates of the last 12
 * months with their trend and what each means (as Decision 766/QĐ-TTg counts them), the agencies ranked, the
 * feedback figures and the months. Only totals: no officer, no department, no comment, nothing personal.
 */
import { type ReactNode, Suspense } from "react";
import type { FiguresQuery } from "../../api/figures";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { FeedbackFigures, GroupsFigures, Headlines, MonthsFigures, type ReadFigures } from "../../components/figures/FiguresSections";
import { figuresWords as w } from "../../components/figures/figures-words";
import { ReadFailed } from "../../components/Notice";
import { Page } from "../../components/Page";
import { SkeletonCard } from "../../components/Skeleton";
import { periodOf, vnToday } from "../../domain/figures";
import { publicFiguresState } from "../../state/figures";
import { transparencyMessages as t } from "./transparency-messages";
import "../../components/figures/figures.css";

/** The public figures group by agency or by month only; the page asks for nothing else. */
const read: ReadFigures = ({ groupBy, from, to }) => publicFiguresState({ groupBy: groupBy === "month" ? "month" : "agency", from, to });

function Part({ query, children }: { query: FiguresQuery; children: ReactNode }) {
  return (
    <ErrorBoundary fallback={(error, reset) => <ReadFailed state={read(query)} error={error} reset={reset} />}>
      <Suspense fallback={<SkeletonCard lines={3} />}>{children}</Suspense>
    </ErrorBoundary>
  );
}

export default function TransparencyPage() {
  const query: FiguresQuery = { groupBy: "agency", ...periodOf("last12", vnToday()) };
  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      <p className="period-shown" data-from={query.from} data-to={query.to}>
        {w.period(query.from, query.to)}
      </p>
      <Part query={query}>
        <Headlines read={read} query={query} explain />
      </Part>
      <Part query={query}>
        <GroupsFigures read={read} query={query} title={t.agencies} />
      </Part>
      <Part query={query}>
        <FeedbackFigures read={read} query={query} />
      </Part>
      <Part query={query}>
        <MonthsFigures read={read} query={query} />
      </Part>
    </Page>
  );
}
