/**
 * A broadcast's delivery counts as the sender follows them: people targeted, reached by Zalo, in the app only,
 * waiting for a window or quota, failed. Read again every few seconds while on screen and not settled (something
 * still waits, or not everyone targeted is accounted for); a failed read keeps the last counts and tries again later.
 */
import { useEffect, useState } from "react";
import type { DeliveryCounts as Counts } from "../../api/staff-broadcasts";
import { countsSettled as settled, nextReadIn } from "../../domain/staff-broadcasts";
import { broadcastMessages as t } from "./broadcast-messages";

export const LIVE_COUNTS_MS = 3000;

const ROWS = ["targeted", "sentByZalo", "inAppOnly", "deferred", "failed"] as const;

export function useLiveCounts(load: () => Promise<Counts>, key: string, intervalMs = LIVE_COUNTS_MS) {
  const [counts, setCounts] = useState<Counts | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let stopped = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      let next: Counts | null = null;
      try {
        next = await load();
        failures = 0;
      } catch {
        failures++;
      }
      if (stopped) return;
      if (next) setCounts(next);
      setFailed(!next);
      if (!next || !settled(next)) timer = setTimeout(() => void read(), nextReadIn(intervalMs, failures));
    };
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // `key` names what is counted; `load` is a new function on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, intervalMs]);
  return { counts, failed };
}

export function DeliveryCountsView({
  counts,
  failed,
  title = t.counts.title,
  live = false,
}: {
  counts: Counts | null;
  failed: boolean;
  title?: string;
  live?: boolean;
}) {
  return (
    <section className="delivery-counts" aria-label={title}>
      <h3 className="delivery-title">{title}</h3>
      {counts ? (
        <dl className="delivery-grid">
          {ROWS.map((row) => (
            <div key={row} className={`delivery-cell delivery-${row}`} data-count={row}>
              <dt>{t.counts[row]}</dt>
              <dd>{counts[row].toLocaleString("vi-VN")}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">{failed ? t.counts.unavailable : "…"}</p>
      )}
      {live && counts && !settled(counts) && <p className="muted">{t.counts.live}</p>}
    </section>
  );
}

/** Live counts of one broadcast, read with `load`. */
export function LiveDeliveryCounts({
  load,
  subject,
  title,
  intervalMs,
}: {
  load: () => Promise<Counts>;
  subject: string;
  title?: string;
  intervalMs?: number;
}) {
  const { counts, failed } = useLiveCounts(load, subject, intervalMs);
  return <DeliveryCountsView counts={counts} failed={failed} title={title} live />;
}
