/**
 * A table of figures, one row per group and a total row, with the same columns the CSV export has for the
 * dossiers and ratings. Wider than a phone: it scrolls sideways with the names kept in view.
 */
import type { ReactNode } from "react";
import { formatCount, formatRate } from "../../domain/figures";
import { Link } from "../../navigation";
import { FiguresCard } from "./FiguresCard";
import { figuresWords as w } from "./figures-words";

/** The counts a row shows, as every group of the figures answer carries them. */
export type TableGroup = {
  completed: number;
  completedOnTime: number;
  onTimeRate: number | null;
  overdueNow: number;
  ratings: number;
  satisfied: number;
  satisfactionRate: number | null;
};

export type TableRow = { key: string; label: string; to?: string; group: TableGroup };

const COLUMNS = ["completed", "completedOnTime", "onTimeRate", "overdueNow", "ratings", "satisfied", "satisfactionRate"] as const;

function cell(group: TableGroup, column: (typeof COLUMNS)[number]): string {
  const value = group[column];
  return column.endsWith("Rate") ? formatRate(value) : formatCount(value ?? 0);
}

export function FiguresTable({
  title,
  nameHeader,
  rows,
  total,
  children,
}: {
  title: string;
  nameHeader: string;
  rows: readonly TableRow[];
  total: TableGroup;
  /** Below the table: its export, for those who may take it. */
  children?: ReactNode;
}) {
  return (
    <FiguresCard title={title}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls sideways, so keyboards must reach it */}
      <section className="figures-scroll" tabIndex={0} aria-label={w.tableScroll}>
        <table className="figures figures-wide">
          <thead>
            <tr>
              <th scope="col">{nameHeader}</th>
              {COLUMNS.map((c) => (
                <th key={c} scope="col">
                  {w.columns[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-key={row.key}>
                <th scope="row">{row.to ? <Link to={row.to}>{row.label}</Link> : row.label}</th>
                {COLUMNS.map((c) => (
                  <td key={c}>{cell(row.group, c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-key="total">
              <th scope="row">{w.total}</th>
              {COLUMNS.map((c) => (
                <td key={c}>{cell(total, c)}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      </section>
      {children}
    </FiguresCard>
  );
}
