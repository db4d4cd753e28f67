/**
 * The figures' small SVG charts: a rate's trend over the months as a line, and groups ranked by a rate as bars.
 * Each says in words what it draws (a screen reader, and anyone who cannot read a chart, gets the same figures).
 */
import type { ReactNode } from "react";
import { barPercent, type ChartBox, displayMonth, formatRate, trendPath, trendPoints, trendRange } from "../../domain/figures";
import { Link } from "../../navigation";
import { figuresWords as w } from "./figures-words";

const TREND_BOX: ChartBox = { width: 300, height: 64, pad: 6 };

export type MonthRate = { month: string; rate: number | null };

/**
 * A rate month by month as a line, the last month's point marked; its span (from a round ten percent below the
 * lowest month to 100 %) written at its top and bottom lines.
 */
export function TrendLine({ what, months }: { what: string; months: readonly MonthRate[] }) {
  if (months.length === 0 || months.every((m) => m.rate === null)) return <p className="muted">{w.trendEmpty}</p>;
  const rates = months.map((m) => m.rate);
  const range = trendRange(rates);
  const points = trendPoints(rates, TREND_BOX, range);
  const last = points.reduce((found, p, i) => (p ? i : found), -1);
  const label = w.trendLabel(what, months[0]!, months[months.length - 1]!);
  return (
    <figure className="trend">
      <span className="trend-scale" aria-hidden="true">
        <span>{Math.round(range.high * 100)} %</span>
        <span>{Math.round(range.low * 100)} %</span>
      </span>
      <svg
        className="trend-svg"
        viewBox={`0 0 ${TREND_BOX.width} ${TREND_BOX.height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={label}
        data-months={months.map((m) => m.month).join(" ")}
      >
        <line className="trend-grid" x1={0} x2={TREND_BOX.width} y1={TREND_BOX.pad} y2={TREND_BOX.pad} />
        <line className="trend-grid" x1={0} x2={TREND_BOX.width} y1={TREND_BOX.height - TREND_BOX.pad} y2={TREND_BOX.height - TREND_BOX.pad} />
        <path className="trend-line" d={trendPath(rates, TREND_BOX, range)} vectorEffect="non-scaling-stroke" />
        {last >= 0 && <circle className="trend-dot" cx={points[last]!.x} cy={points[last]!.y} r={4} vectorEffect="non-scaling-stroke" />}
      </svg>
      <figcaption className="trend-caption" aria-hidden="true">
        <span>{displayMonth(months[0]!.month)}</span>
        <span>{displayMonth(months[months.length - 1]!.month)}</span>
      </figcaption>
    </figure>
  );
}

export type RankedRow = { key: string; name: string; rate: number | null; detail: string; to?: string };

/** Groups as bars, longest first as given; a row with `to` opens it (the next level of the drill-down). */
export function RankBars({ title, rows }: { title: string; rows: readonly RankedRow[] }) {
  return (
    <ol className="rank-list" aria-label={title}>
      {rows.map((row, i) => {
        const body = (
          <>
            <span className="rank-head">
              <span className="rank-name">
                {i + 1}. {row.name}
              </span>
              <span className="rank-rate">{formatRate(row.rate)}</span>
            </span>
            <svg className="rank-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
              <rect className="rank-track" x={0} y={0} width={100} height={8} rx={4} />
              <rect className="rank-fill" x={0} y={0} width={barPercent(row.rate)} height={8} rx={4} />
            </svg>
            <span className="rank-detail">{row.detail}</span>
          </>
        );
        return (
          <li key={row.key} data-key={row.key}>
            {row.to ? (
              <Link to={row.to} className="rank-row rank-link">
                {body}
              </Link>
            ) : (
              <div className="rank-row">{body}</div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** One headline rate, large, with the counts behind it, its trend and what else belongs to it. */
export function Headline({ title, rate, counts, children }: { title: string; rate: number | null; counts: string; children?: ReactNode }) {
  return (
    <section className="card headline" aria-label={title}>
      <h2 className="headline-title">{title}</h2>
      <p className="headline-rate" data-rate={rate ?? ""}>
        {formatRate(rate)}
      </p>
      <p className="headline-counts">{counts}</p>
      {children}
    </section>
  );
}
