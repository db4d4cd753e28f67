/**
 * /communes — "Xã/phường của tôi": the purpose first, then up to 5 of the province's communes, each with why the
 * citizen cares about it (where they live, work, where family lives), found by name with or without diacritics.
 * Nothing is inferred from the phone's location.
 */
import { useEffect, useMemo, useState } from "react";
import { Button } from "zmp-ui";
import { hasSession } from "../../api/account";
import { type Commune, type CommunePurpose, clearMyCommunes, putMyCommunes } from "../../api/broadcasts";
import { ConfirmAction } from "../../components/ConfirmAction";
import { InlineAlert } from "../../components/Notice";
import { Page } from "../../components/Page";
import { useAction } from "../../components/useAction";
import { SignedIn } from "../../components/SignedIn";
import { MAX_CHOSEN_COMMUNES, matchCommunes, sameChoice } from "../../domain/communes";
import { Link } from "../../navigation";
import { canSignIn } from "../../platform";
import { useOutcome } from "../../state";
import { communesState, myCommunesState } from "../../state/broadcasts";
import "../../styles/broadcasts.css";
import { communeMessages as t } from "./messages";

const PURPOSES: CommunePurpose[] = ["home", "work", "family", "other"];
const SHOWN_MATCHES = 8;

export default function CommunesPage() {
  return (
    <Page title={t.title}>
      <div className="stack">
        <p className="card purpose-note">{t.purpose}</p>
        <SignInFirst>
          <SignedIn>
            <Choice />
          </SignedIn>
        </SignInFirst>
      </div>
    </Page>
  );
}

/** Without a session on the phone, why one is needed before anything is asked of Zalo. */
function SignInFirst({ children }: { children: React.ReactNode }) {
  const [session, setSession] = useState<boolean | null>(null);
  useEffect(() => {
    void hasSession().then(setSession);
  }, []);
  if (session === null) return null;
  if (session || !canSignIn()) return <>{children}</>;
  return (
    <section className="card stack">
      <p>{t.signInWhy}</p>
      <Button fullWidth size="large" onClick={() => setSession(true)}>
        {t.signIn}
      </Button>
    </section>
  );
}

type Draft = { code: string; name: string; purpose: CommunePurpose }[];

function Choice() {
  const communes = useOutcome(communesState);
  const saved = useOutcome(myCommunesState);
  const [draft, setDraft] = useState<Draft>(saved);
  const changed = !sameChoice(draft, saved);
  const saving = useAction(draft.length ? t.saved : t.cleared);
  const clearing = useAction(t.cleared);
  // The outcome shown is the last action's.
  const [last, setLast] = useState<"save" | "clear">("save");
  const notice = (last === "save" ? saving : clearing).notice;
  const busy = saving.busy || clearing.busy;
  const save = () => {
    setLast("save");
    return saving.run(async () => setDraft(await putMyCommunes(draft.map(({ code, purpose }) => ({ code, purpose })))));
  };
  const clear = () => {
    setLast("clear");
    return clearing.run(async () => {
      await clearMyCommunes();
      setDraft([]);
    });
  };

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="chosen-title">
        <h2 id="chosen-title" className="card-title">
          {t.chosenTitle} <span className="muted">({t.chosenCount(draft.length, MAX_CHOSEN_COMMUNES)})</span>
        </h2>
        {draft.length === 0 && <p className="muted">{t.noneChosen}</p>}
        <ul className="stack chosen-list">
          {draft.map((c) => (
            <li key={c.code} className="chosen-commune">
              <span className="chosen-name">{c.name}</span>
              <label className="purpose-field">
                <span>{t.why}</span>
                <select
                  className="text-input"
                  value={c.purpose}
                  onChange={(e) => setDraft(draft.map((d) => (d.code === c.code ? { ...d, purpose: e.target.value as CommunePurpose } : d)))}
                >
                  {PURPOSES.map((p) => (
                    <option key={p} value={p}>
                      {t.purposes[p]}
                    </option>
                  ))}
                </select>
              </label>
              <Button size="medium" variant="tertiary" aria-label={t.remove(c.name)} onClick={() => setDraft(draft.filter((d) => d.code !== c.code))}>
                {t.removeShort}
              </Button>
            </li>
          ))}
        </ul>
        {notice && <InlineAlert tone={notice.tone}>{notice.text}</InlineAlert>}
        {changed && <p className="muted">{t.unsaved}</p>}
        <Button fullWidth size="large" loading={busy} disabled={!changed} onClick={() => void save()}>
          {t.save}
        </Button>
        {saved.length > 0 && (
          <ConfirmAction
            label={t.clear}
            question={t.clearQuestion}
            detail={t.clearDetail}
            confirmLabel={t.clearConfirm}
            busy={busy}
            variant="tertiary"
            onConfirm={clear}
          />
        )}
      </section>
      <Search
        communes={communes}
        chosen={draft}
        onChoose={(c) => setDraft([...draft, { code: c.code, name: c.name, purpose: draft.length === 0 ? "home" : "family" }])}
      />
      <section className="card">
        <p>{t.messagesNote}</p>
        <Link to="/notifications" className="text-link">
          {t.notificationsLink}
        </Link>
      </section>
    </div>
  );
}

function Search({ communes, chosen, onChoose }: { communes: Commune[]; chosen: Draft; onChoose: (commune: Commune) => void }) {
  const [query, setQuery] = useState("");
  const matches = useMemo(() => matchCommunes(communes, query).filter((c) => !chosen.some((d) => d.code === c.code)), [communes, query, chosen]);
  const full = chosen.length >= MAX_CHOSEN_COMMUNES;
  return (
    <section className="card stack" aria-labelledby="commune-search">
      <label id="commune-search" className="field-label" htmlFor="commune-query">
        {t.searchLabel}
      </label>
      <input
        id="commune-query"
        className="text-input"
        type="search"
        autoComplete="off"
        enterKeyHint="search"
        value={query}
        aria-describedby="commune-query-hint"
        onChange={(e) => setQuery(e.target.value)}
      />
      <p id="commune-query-hint" className="muted">
        {t.searchHint}
      </p>
      {full ? (
        <p className="muted">{t.full(MAX_CHOSEN_COMMUNES)}</p>
      ) : query.trim() === "" ? null : matches.length === 0 ? (
        <p className="muted">{t.noMatch(query.trim())}</p>
      ) : (
        <>
          <ul className="stack commune-matches">
            {matches.slice(0, SHOWN_MATCHES).map((c) => (
              <li key={c.code}>
                <button type="button" className="commune-match" onClick={() => onChoose(c)}>
                  <span>{c.name}</span>
                  <span className="commune-match-action">{t.add}</span>
                </button>
              </li>
            ))}
          </ul>
          {matches.length > SHOWN_MATCHES && <p className="muted">{t.moreMatches(matches.length - SHOWN_MATCHES)}</p>}
        </>
      )}
    </section>
  );
}
