/**
 * Where to go: a desk's name and address, today's hours and whether it is open now, a button that calls it and one
 * that opens the phone's maps at it. Shown on every step that sends the citizen somewhere, and in the directory.
 */
import type { MouseEvent, ReactNode } from "react";
import type { AgencyPlace } from "../api/types";
import { today, WEEKDAY_NAMES, weekLines } from "../domain/opening-hours";
import { directionsUrl } from "../domain/place-links";
import { messages } from "../messages";
import { openLink } from "../platform";
import { CallLink } from "./CallLink";
import { ClockIcon, DirectionsIcon, MapPinIcon } from "./icons";

type Props = {
  place: AgencyPlace;
  /** What the place is for in this step: "Nơi nhận kết quả", "Nơi nộp bổ sung"… */
  heading?: string;
  /** The week's hours under a disclosure (the directory shows them; a dossier step needs today's). */
  showWeek?: boolean;
  now?: Date;
  children?: ReactNode;
};

export function PlaceCard({ place, heading, showWeek = false, now = new Date(), children }: Props) {
  const m = messages.place;
  const week = weekLines(place.openingHours, m.closedWord);
  return (
    <section className="card place-card" aria-label={heading ? `${heading}: ${place.name}` : place.name}>
      {heading && <p className="place-heading">{heading}</p>}
      <h3 className="place-name">{place.name}</h3>
      {place.address && (
        <p className="place-line">
          <MapPinIcon />
          <span>{place.address}</span>
        </p>
      )}
      <p className="place-line">
        <ClockIcon />
        <span>
          <TodayHours place={place} now={now} />
        </span>
      </p>
      {place.hoursNote && <p className="muted">{place.hoursNote}</p>}
      {showWeek && week.length > 0 && (
        <details className="place-week">
          <summary>{m.weekTitle}</summary>
          <ul className="plain-list">
            {week.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
      {children}
      <div className="place-actions">
        {place.phone && <CallLink phone={place.phone} />}
        <DirectionsLink place={place} />
      </div>
    </section>
  );
}

function TodayHours({ place, now }: { place: AgencyPlace; now: Date }) {
  const m = messages.place;
  const t = today(place.openingHours, now);
  const reopen = (next: { weekday: number; opens: string } | null) => (next ? ` ${m.reopens(WEEKDAY_NAMES[next.weekday]!, next.opens)}` : "");
  switch (t.kind) {
    case "unknown":
      return <>{m.noHours}</>;
    case "closed_today":
      return <>{m.closedToday(WEEKDAY_NAMES[t.weekday]!) + reopen(t.next)}</>;
    // Today's hours on one line, whether the desk is open right now on the next.
    case "open":
      return (
        <>
          <span className="block">{m.todayHours(WEEKDAY_NAMES[t.weekday]!, t.hours)}</span>
          <strong className="block place-open">{m.openNow(t.closes)}</strong>
        </>
      );
    case "opens_later":
      return (
        <>
          <span className="block">{m.todayHours(WEEKDAY_NAMES[t.weekday]!, t.hours)}</span>
          <span className="block">{m.opensAt(t.opens)}</span>
        </>
      );
    case "closed_for_day":
      return (
        <>
          <span className="block">{m.todayHours(WEEKDAY_NAMES[t.weekday]!, t.hours)}</span>
          <span className="block">{m.closedForDay + reopen(t.next)}</span>
        </>
      );
  }
}

/** Opens the phone's maps with directions to the place (at its coordinates, or its name and address). */
export function DirectionsLink({ place }: { place: AgencyPlace }) {
  const url = directionsUrl(place);
  if (!url) return null;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    void openLink(url, "maps").then((handled) => {
      if (!handled) window.open(url, "_blank", "noopener");
    });
  };
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" onClick={onClick} className="button-link button-link-secondary with-icon">
      <DirectionsIcon />
      <span>{messages.place.directions}</span>
    </a>
  );
}
