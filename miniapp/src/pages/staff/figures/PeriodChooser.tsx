/**
 * The period the figures cover: the last 12 months, this year, last month, or two days chosen by hand (the
 * phone's date picker, which writes dates as the phone's language does: the days picked are repeated under it as
 * dd/MM/yyyy, and the period shown is always written so).
 */
import { type FormEvent, useState } from "react";
import { Button } from "zmp-ui";
import { InlineAlert } from "../../../components/Notice";
import { FiguresCard } from "../../../components/figures/FiguresCard";
import { figuresWords as w } from "../../../components/figures/figures-words";
import { checkCustomPeriod, displayDay, isDay, type PeriodKind, periodOf } from "../../../domain/figures";
import { figuresMessages as t } from "./figures-messages";
import type { ChosenPeriod } from "./address";
// The chips' look (.chips, .chip), as the news feed's categories have it.
import "../../../styles/broadcasts.css";

const KINDS: PeriodKind[] = ["last12", "thisYear", "lastMonth", "custom"];

export function PeriodChooser({ period, today, onChange }: { period: ChosenPeriod; today: string; onChange: (period: ChosenPeriod) => void }) {
  const [custom, setCustom] = useState(period.kind === "custom");
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [error, setError] = useState<string | null>(null);
  const choose = (kind: PeriodKind) => {
    setError(null);
    if (kind === "custom") {
      setCustom(true);
      return;
    }
    setCustom(false);
    onChange({ kind, ...periodOf(kind, today) });
  };
  // A day changed: what was refused no longer stands.
  const typed = (set: (day: string) => void, day: string) => {
    set(day);
    setError(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkCustomPeriod(from, to, today);
    if (!checked.ok) {
      setError(t.periodErrors[checked.reason]);
      return;
    }
    setError(null);
    onChange({ kind: "custom", ...checked.period });
  };
  const pressed = custom ? "custom" : period.kind;
  return (
    <FiguresCard title={t.periodTitle}>
      <div className="chips">
        {KINDS.map((kind) => (
          <button key={kind} type="button" className="chip" aria-pressed={pressed === kind} onClick={() => choose(kind)}>
            {t.periods[kind]}
          </button>
        ))}
      </div>
      {custom && (
        <form className="stack" onSubmit={submit} noValidate>
          <label className="field-label" htmlFor="figures-from">
            {t.fromLabel}
          </label>
          <input id="figures-from" className="text-input" type="date" max={today} value={from} onChange={(e) => typed(setFrom, e.target.value)} />
          <label className="field-label" htmlFor="figures-to">
            {t.toLabel}
          </label>
          <input id="figures-to" className="text-input" type="date" max={today} value={to} onChange={(e) => typed(setTo, e.target.value)} />
          {isDay(from) && isDay(to) && (
            <p className="period-typed" aria-live="polite">
              {t.typed(displayDay(from), displayDay(to))}
            </p>
          )}
          {error && <InlineAlert>{error}</InlineAlert>}
          <Button htmlType="submit" fullWidth size="large">
            {t.show}
          </Button>
        </form>
      )}
      <p className="period-shown" data-from={period.from} data-to={period.to}>
        {w.period(period.from, period.to)}
      </p>
    </FiguresCard>
  );
}
