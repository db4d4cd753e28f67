/**
 * /dossier?code=…[&t=…] — one dossier. Opened from a typed code, an in-app scan, or Zalo's camera following a
 * slip's deep link. The owner view needs a token: the slip's (from the QR, kept on the phone), or a view token
 * from unlocking with the last 4 ID digits. When the network fails, the copy kept on the phone is shown.
 */
import { Suspense, useEffect, useMemo } from "react";
import { Button } from "zmp-ui";
import { useRecoilCallback, useRecoilState, useRecoilValue, useSetRecoilState } from "recoil";
import { ApiError, NetworkError } from "../../api/client";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { errorMessage, ErrorState, InlineAlert, OfflineBanner } from "../../components/Notice";
import { Page } from "../../components/Page";
import { LoadingRegion, SkeletonCard } from "../../components/Skeleton";
import { formatDateTime } from "../../domain/dates";
import { dossierPath, parseDossierQuery, type DossierTarget } from "../../domain/dossier-link";
import { forgetToken, ownerTokensFor, rememberDossier, type SavedDossier } from "../../domain/saved-dossiers";
import { messages } from "../../messages";
import { useNavigate } from "../../navigation";
import {
  dossierLookupState,
  dossierRetryState,
  knownLookupState,
  locationState,
  refusedTokensState,
  savedDossiersState,
  tokenRefusalState,
  useOutcome,
  type DossierLookup,
  type DossierLookupKey,
} from "../../state";
import { DossierDetails } from "./DossierDetails";
import { LookupNotFound } from "./LookupNotFound";

export default function DossierPage() {
  const { search, key: arrival } = useRecoilValue(locationState);
  const target = useMemo(() => parseDossierQuery(new URLSearchParams(search)), [search]);
  return (
    <Page title={messages.dossier.title}>
      {target ? (
        <Suspense fallback={<DossierSkeleton />}>
          <DossierLoader target={target} arrival={arrival} />
        </Suspense>
      ) : (
        <ErrorState message={messages.dossier.invalidLink}>
          <GoHomeButton label={messages.dossier.notFoundAction} />
        </ErrorState>
      )}
    </Page>
  );
}

export function DossierSkeleton() {
  return (
    <LoadingRegion label={messages.app.loading}>
      <SkeletonCard lines={2} height={22} />
      <SkeletonCard lines={3} />
      <SkeletonCard lines={3} />
    </LoadingRegion>
  );
}

/** The first token not refused in this session: the link's, the slip's kept here, or a view token still valid. */
function chooseToken(target: DossierTarget, saved: SavedDossier | undefined, refused: readonly string[]): string | null {
  const candidates = [target.token, ...ownerTokensFor(saved, new Date())];
  return candidates.find((t): t is string => !!t && !refused.includes(t)) ?? null;
}

function DossierLoader({ target, arrival }: { target: DossierTarget; arrival: number }) {
  const saved = useRecoilValue(savedDossiersState).find((s) => s.code === target.code);
  const refused = useRecoilValue(refusedTokensState);
  const refusal = useRecoilValue(tokenRefusalState(target.code));
  const [retries, setRetries] = useRecoilState(dossierRetryState(target.code));
  const visit = `${arrival}.${retries}`;
  const key: DossierLookupKey = { code: target.code, token: chooseToken(target, saved, refused), visit };
  // Where the page goes if this key's token is refused: the next token, or none (the public view).
  const fallbackKey: DossierLookupKey = { ...key, token: key.token && chooseToken(target, saved, [...refused, key.token]) };
  const retry = () => setRetries((n) => n + 1);

  return (
    <div className="stack">
      {key.token === null && (refusal || target.brokenToken !== undefined) && (
        <InlineAlert>
          {refusal ?? messages.link.brokenToken} {messages.dossier.tokenRefusedNote}
        </InlineAlert>
      )}
      <ErrorBoundary
        key={`${key.code}|${key.token}|${key.visit}`}
        fallback={(error) => <LookupFailed code={target.code} error={error} saved={saved} onRetry={retry} />}
      >
        <Suspense fallback={<DossierSkeleton />}>
          <LiveDossier lookupKey={key} fallbackKey={fallbackKey} linkToken={target.token} />
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}

function LiveDossier({ lookupKey, fallbackKey, linkToken }: { lookupKey: DossierLookupKey; fallbackKey: DossierLookupKey; linkToken?: string }) {
  const lookup = useOutcome(dossierLookupState(lookupKey));
  const setSaved = useSetRecoilState(savedDossiersState);
  const navigate = useNavigate();

  const refuse = useRecoilCallback(
    ({ set }) =>
      ({ view, fetchedAt, refusedToken }: DossierLookup & { refusedToken: { token: string; message: string } }) => {
        // With no other token to try, the public view that came back with the refusal is what the page shows next.
        if (fallbackKey.token === null) set(knownLookupState(fallbackKey), { view, fetchedAt });
        set(refusedTokensState, (list) => (list.includes(refusedToken.token) ? list : [...list, refusedToken.token]));
        set(tokenRefusalState(lookupKey.code), refusedToken.message);
        set(savedDossiersState, (list) => forgetToken(list, lookupKey.code, refusedToken.token));
      },
    [lookupKey.code, fallbackKey],
  );

  // The view just read, for the key the page will look up under the real code: not requested twice.
  const showUnder = useRecoilCallback(
    ({ set }) =>
      (key: DossierLookupKey, known: DossierLookup) =>
        set(knownLookupState(key), known),
    [],
  );

  useEffect(() => {
    if (lookup.refusedToken) {
      refuse({ ...lookup, refusedToken: lookup.refusedToken });
      return;
    }
    // A token from the link that opened the owner view is the slip's: keep it, and take it out of the address.
    const verifiedSlip = !!linkToken && lookupKey.token === linkToken && lookup.view.view === "owner";
    // A code typed without its dots comes back as the real one: the address and the phone keep the real one.
    const code = lookup.view.code;
    setSaved((list) =>
      rememberDossier(list, { code, view: lookup.view, fetchedAt: lookup.fetchedAt, slipToken: verifiedSlip ? linkToken : undefined }, new Date()),
    );
    if (code !== lookupKey.code) showUnder({ ...lookupKey, code }, { view: lookup.view, fetchedAt: lookup.fetchedAt });
    if (verifiedSlip || code !== lookupKey.code) navigate(dossierPath({ code }), { replace: true });
  }, [lookup]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <DossierDetails
      view={lookup.view}
      fetchedAt={lookup.fetchedAt}
      visit={lookupKey.visit}
      ownerToken={lookup.view.view === "owner" ? lookupKey.token : null}
    />
  );
}

function LookupFailed({ code, error, saved, onRetry }: { code: string; error: unknown; saved?: SavedDossier; onRetry: () => void }) {
  if (error instanceof NetworkError && saved) {
    return (
      <div className="stack">
        <OfflineBanner>
          <p>{messages.dossier.offlineBanner(formatDateTime(saved.fetchedAt))}</p>
          <Button fullWidth size="medium" variant="secondary" onClick={onRetry}>
            {messages.app.retry}
          </Button>
        </OfflineBanner>
        <DossierDetails view={saved.view} fetchedAt={saved.fetchedAt} offline />
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return (
      <LookupNotFound code={code} message={error.message}>
        <GoHomeButton label={messages.dossier.notFoundAction} />
      </LookupNotFound>
    );
  }
  return (
    <ErrorState title={error instanceof NetworkError ? messages.dossier.networkTitle : undefined} message={errorMessage(error)} onRetry={onRetry}>
      <GoHomeButton label={messages.app.home} variant="tertiary" />
    </ErrorState>
  );
}

function GoHomeButton({ label, variant = "secondary" }: { label: string; variant?: "secondary" | "tertiary" }) {
  const navigate = useNavigate();
  return (
    <Button fullWidth size="large" variant={variant} onClick={() => navigate("/")}>
      {label}
    </Button>
  );
}
