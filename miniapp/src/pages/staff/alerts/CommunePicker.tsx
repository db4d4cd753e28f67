/**
 * The communes an alert goes to: the province's list, found by typing part of a name without diacritics (or a
 * code), ticked one by one; the ones chosen stay listed first, whatever the search.
 */
import { useId, useState } from "react";
import { matchCommunes, type NamedCommune } from "../../../domain/staff-broadcasts";
import { broadcastMessages as t } from "../broadcast-messages";

/** What a cheap phone lists at once; the rest is reached by typing. */
const SHOWN = 30;

export function CommunePicker({ communes, chosen, onChange }: { communes: readonly NamedCommune[]; chosen: string[]; onChange: (codes: string[]) => void }) {
  const [search, setSearch] = useState("");
  const searchId = useId();
  const picked = new Set(chosen);
  const found = matchCommunes(communes, search).filter((c) => !picked.has(c.code));
  const toggle = (code: string, on: boolean) => onChange(on ? [...chosen, code] : chosen.filter((c) => c !== code));
  const box = (c: NamedCommune) => (
    <li key={c.code}>
      <label className="choice">
        <input type="checkbox" checked={picked.has(c.code)} onChange={(e) => toggle(c.code, e.target.checked)} />
        <span>{c.name}</span>
      </label>
    </li>
  );
  return (
    <fieldset className="card stack">
      <legend className="field-label">{t.alerts.communesLabel}</legend>
      <p className="emphasis" aria-live="polite">
        {t.alerts.communesChosen(chosen.length)}
      </p>
      {chosen.length > 0 && <ul className="plain-list commune-list">{communes.filter((c) => picked.has(c.code)).map(box)}</ul>}
      <label className="field-label" htmlFor={searchId}>
        {t.alerts.communesSearch}
      </label>
      <input id={searchId} className="text-input" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
      {found.length === 0 ? <p className="muted">{t.alerts.communesNone}</p> : <ul className="plain-list commune-list">{found.slice(0, SHOWN).map(box)}</ul>}
      {found.length > SHOWN && <p className="muted">{t.alerts.communesMore(found.length - SHOWN)}</p>}
    </fieldset>
  );
}
