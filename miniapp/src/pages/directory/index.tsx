/**
 * /directory[?agency=<id>] — Danh bạ: every desk of the province with its address, today's hours and the week's,
 * a call button and directions, searched without needing diacritics; the province's hotline and its Zalo OA.
 * `?agency=` puts that desk first (a refusal names the competent agency and links here).
 */
import { Suspense, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useRecoilRefresher_UNSTABLE, useRecoilValue } from "recoil";
import type { Agency } from "../../api/types";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { CallLink } from "../../components/CallLink";
import { PlaceCard } from "../../components/PlaceCard";
import { EmptyState, InlineAlert, OfflineBanner, ReadFailed } from "../../components/Notice";
import { Page } from "../../components/Page";
import { LoadingRegion, SkeletonCard } from "../../components/Skeleton";
import { formatDateTime } from "../../domain/dates";
import { directoryListing } from "../../domain/directory";
import { messages } from "../../messages";
import { followOfficialAccount } from "../../platform";
import { agenciesState, locationState, provinceState, useOutcome } from "../../state";

export default function DirectoryPage() {
  const { search } = useRecoilValue(locationState);
  const selectedId = new URLSearchParams(search).get("agency");
  const [query, setQuery] = useState("");
  return (
    <Page title={messages.directory.title}>
      <ErrorBoundary fallback={(error, reset) => <ReadFailed state={agenciesState} error={error} reset={reset} />}>
        <Suspense fallback={<DirectorySkeleton />}>
          <Directory query={query} onQuery={setQuery} selectedId={selectedId} />
        </Suspense>
      </ErrorBoundary>
    </Page>
  );
}

function DirectorySkeleton() {
  return (
    <LoadingRegion label={messages.app.loading}>
      <SkeletonCard lines={2} />
      <SkeletonCard lines={3} />
      <SkeletonCard lines={3} />
    </LoadingRegion>
  );
}

function Directory({ query, onQuery, selectedId }: { query: string; onQuery: (q: string) => void; selectedId: string | null }) {
  const m = messages.directory;
  const directory = useOutcome(agenciesState);
  const refresh = useRecoilRefresher_UNSTABLE(agenciesState);
  const listing = directoryListing(directory.agencies, query, selectedId);
  const unknownSelection = !!selectedId && !directory.agencies.some((a) => a.id === selectedId);
  const now = new Date();
  const q = query.trim();

  return (
    <>
      {directory.saved && (
        <OfflineBanner>
          <p>{m.savedCopy(formatDateTime(directory.fetchedAt))}</p>
          <Button fullWidth size="medium" variant="secondary" onClick={refresh}>
            {messages.app.retry}
          </Button>
        </OfflineBanner>
      )}
      {listing.selected && <PlaceCard place={listing.selected} heading={m.selected} showWeek now={now} />}
      {unknownSelection && <InlineAlert tone="info">{m.selectedMissing}</InlineAlert>}
      <SearchForm query={query} onQuery={onQuery} />
      {!q && (
        <Suspense fallback={null}>
          <ProvinceContacts />
        </Suspense>
      )}
      <p className="directory-count" role="status">
        {q ? m.resultsTitle(listing.count, q) : m.allTitle(listing.count)}
      </p>
      {listing.count === 0 && <EmptyState>{q ? m.empty(q) : m.emptyAll}</EmptyState>}
      {listing.groups.map((group) => (
        <AgencyGroup key={group.level} level={group.level} agencies={group.entries} now={now} />
      ))}
    </>
  );
}

function SearchForm({ query, onQuery }: { query: string; onQuery: (q: string) => void }) {
  const m = messages.directory;
  // Results follow each letter typed (the list is on the phone); "search" on the keyboard just closes it.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    (document.activeElement as HTMLElement | null)?.blur();
  };
  return (
    <form className="card stack" role="search" onSubmit={submit}>
      <label className="field-label field-label-large" htmlFor="directory-search">
        {m.searchLabel}
      </label>
      <input
        id="directory-search"
        className="text-input"
        type="search"
        enterKeyHint="search"
        autoComplete="off"
        placeholder={m.searchPlaceholder}
        value={query}
        aria-describedby="directory-search-hint"
        onChange={(e) => onQuery(e.target.value)}
      />
      <p id="directory-search-hint" className="muted">
        {m.searchHint}
      </p>
    </form>
  );
}

function AgencyGroup({ level, agencies, now }: { level: string; agencies: Agency[]; now: Date }) {
  const id = `directory-level-${level}`;
  return (
    <section className="stack" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {messages.directory.levels[level] ?? messages.directory.levels.other}
      </h2>
      <ul className="plain-list stack">
        {agencies.map((agency) => (
          <li key={agency.id}>
            <PlaceCard place={agency} showWeek now={now} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The province's own ways in: the hotline, and its Zalo Official Account to follow. */
function ProvinceContacts() {
  const province = useRecoilValue(provinceState);
  const m = messages.directory;
  if (!province || (!province.hotline && !province.zaloOaId)) return null;
  return (
    <section className="card" aria-labelledby="province-contacts">
      <h2 id="province-contacts" className="card-title">
        {province.channelName}
      </h2>
      {province.hotline && (
        <>
          <p>{m.hotlineBody}</p>
          <CallLink phone={province.hotline} label={m.callHotline(province.hotline)} variant="primary" />
        </>
      )}
      {province.zaloOaId && <FollowOfficialAccount oaId={province.zaloOaId} name={province.channelName} />}
    </section>
  );
}

function FollowOfficialAccount({ oaId, name }: { oaId: string; name: string }) {
  const m = messages.directory;
  const [outcome, setOutcome] = useState<"followed" | "refused" | null>(null);
  const follow = async () => {
    const result = await followOfficialAccount(oaId);
    setOutcome(result === "opened" ? null : result);
  };
  return (
    <>
      <p>{m.oaBody(name)}</p>
      <Button fullWidth size="large" variant="secondary" onClick={() => void follow()}>
        {m.follow}
      </Button>
      {outcome === "followed" && <InlineAlert tone="success">{m.followed}</InlineAlert>}
      {outcome === "refused" && <InlineAlert>{m.followRefused}</InlineAlert>}
    </>
  );
}
