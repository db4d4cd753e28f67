/**
 * What the app makes of the province's CAP alerts: how loud a severity is, the one sentence the banner says, and
 * which alerts concern the communes a citizen chose. Pure: no React, no API.
 */

export type Severity = "Extreme" | "Severe" | "Moderate" | "Minor" | "Unknown";

/** The banner's tone: Extreme and Severe red, Moderate orange, Minor and Unknown yellow. */
export type AlertTone = "red" | "orange" | "yellow";

export function alertTone(severity: string): AlertTone {
  if (severity === "Extreme" || severity === "Severe") return "red";
  if (severity === "Moderate") return "orange";
  return "yellow";
}

/**
 * The first sentence of a text, for a banner that must stay short: up to the first ". ", "! ", "? " or line
 * break (the stop kept), else the whole text; a sentence longer than `max` characters is cut at a word with "…".
 */
export function firstSentence(text: string | null | undefined, max = 160): string {
  const trimmed = (text ?? "").trim();
  if (!trimmed) return "";
  const end = trimmed.search(/[.!?](\s|$)|\n/);
  const sentence = (end === -1 ? trimmed : trimmed.slice(0, trimmed[end] === "\n" ? end : end + 1)).trim();
  if (sentence.length <= max) return sentence;
  const cut = sentence.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

type WithAreas = { areas: readonly { communes: readonly string[] }[] };

/** The communes an alert's areas name. */
export function alertCommunes(alert: WithAreas): Set<string> {
  return new Set(alert.areas.flatMap((area) => area.communes));
}

/**
 * The alerts a home banner shows: those touching a chosen commune; with no commune chosen, every one of the
 * province's (they are public, and a warning is worth more than a tidy home page).
 */
export function alertsFor<A extends WithAreas>(alerts: readonly A[], chosenCommunes: readonly string[]): A[] {
  if (chosenCommunes.length === 0) return [...alerts];
  return alerts.filter((alert) => {
    const communes = alertCommunes(alert);
    return chosenCommunes.some((code) => communes.has(code));
  });
}
