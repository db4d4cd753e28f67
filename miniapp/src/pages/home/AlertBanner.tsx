/**
 * The emergency banner at the top of home: the province's active alerts for the communes the signed-in citizen
 * chose (every active alert of the province when none is chosen, or nobody is signed in here: they are public),
 * loud by severity with the level in words, the headline and the first sentence of what to do, each opening its
 * page. An alert that ended in the last 24 hours leaves a calm line saying so.
 *
 * Loaded after the first paint (home imports it lazily), with its words: the first screen's script never carries
 * it, and it never holds the page up. Silent when the network fails: the banner is a bonus, not the page.
 */
import { useEffect, useState } from "react";
import { hasSession } from "../../api/account";
import { type ActiveAlert, type EndedAlert, getAlerts, getMyCommunes } from "../../api/broadcasts";
import { alertsFor, alertTone, firstSentence } from "../../domain/alerts";
import { Link } from "../../navigation";
import { alertMessages as t } from "../alert/messages";
import "../../styles/broadcasts.css";

type Shown = { active: ActiveAlert[]; ended: EndedAlert[] };

/** How many alerts the banner shows in full; the rest are counted ("và 2 cảnh báo khác") on the last one. */
const SHOWN = 2;

async function chosenCommunes(): Promise<string[]> {
  if (!(await hasSession())) return [];
  try {
    return (await getMyCommunes()).map((c) => c.code);
  } catch {
    return [];
  }
}

export default function AlertBanner() {
  const [shown, setShown] = useState<Shown | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([getAlerts(), chosenCommunes()])
      .then(([{ alerts, ended }, communes]) => {
        const active = alertsFor(alerts, communes);
        const activeIds = new Set(active.map((a) => a.identifier));
        if (live) setShown({ active, ended: alertsFor(ended, communes).filter((e) => !activeIds.has(e.identifier)) });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!shown || (shown.active.length === 0 && shown.ended.length === 0)) return null;
  const hidden = shown.active.length - SHOWN;
  return (
    <section aria-label={t.title}>
      <ul className="alert-banners">
        {shown.active.slice(0, SHOWN).map((alert, i) => {
          const tone = alertTone(alert.severity);
          return (
            <li key={alert.id}>
              <Link to={`/alert?id=${alert.id}`} className={`alert-banner tone-${tone}`}>
                <span className="alert-level">
                  {t.toneLabel[tone]} · {t.severity[alert.severity] ?? alert.severity}
                </span>
                <strong className="alert-headline">{alert.headline}</strong>
                {alert.instruction && <span className="alert-instruction">{firstSentence(alert.instruction)}</span>}
                <span className="alert-open">
                  {t.open}
                  {i === SHOWN - 1 && hidden > 0 ? ` (${t.more(hidden)})` : ""} ›
                </span>
              </Link>
            </li>
          );
        })}
        {shown.ended.slice(0, shown.active.length ? 1 : SHOWN).map((alert) => (
          <li key={`ended-${alert.id}`}>
            <Link to={`/alert?id=${alert.id}`} className="alert-ended">
              {t.ended(alert.event)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
