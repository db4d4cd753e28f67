/**
 * The dashboard's address: the level of the drill-down (`agencyId`, `departmentId`) and the period (`period`, and
 * `from`/`to` when chosen by hand), so that back, forward and a shared link keep both.
 */
import { isDay, type Period, type PeriodKind, periodOf } from "../../../domain/figures";

export type ChosenPeriod = Period & { kind: PeriodKind };

/** The period the address names; the last 12 months when it names none (or a custom one that is not a period). */
export function readPeriod(params: URLSearchParams, today: string): ChosenPeriod {
  const kind = params.get("period");
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  if (kind === "custom" && isDay(from) && isDay(to) && from <= to) return { kind, from, to };
  if (kind === "thisYear" || kind === "lastMonth") return { kind, ...periodOf(kind, today) };
  return { kind: "last12", ...periodOf("last12", today) };
}

/** The address of a level of the drill-down over a period. */
export function figuresAddress(level: { agencyId?: string; departmentId?: string }, period: ChosenPeriod): string {
  const params = new URLSearchParams();
  if (level.agencyId) params.set("agencyId", level.agencyId);
  if (level.departmentId) params.set("departmentId", level.departmentId);
  if (period.kind !== "last12") params.set("period", period.kind);
  if (period.kind === "custom") {
    params.set("from", period.from);
    params.set("to", period.to);
  }
  const query = params.toString();
  return `/staff/figures${query ? `?${query}` : ""}`;
}
