/**
 * /procedures?q=… — the procedure guide: search in the citizen's own words, with or without diacritics (the API
 * folds them, knows everyday names such as "sổ đỏ" and puts the best match first), then open a procedure. The
 * query lives in the address so "back" returns to the same results.
 */
import { Suspense, useEffect, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useRecoilValue } from "recoil";
import { ChevronIcon, SearchIcon } from "../../components/icons";
import { ErrorBoundary } from "../../components/ErrorBoundary";
import { EmptyState, ReadFailed } from "../../components/Notice";
import { Page } from "../../components/Page";
import { LoadingRegion, SkeletonCard } from "../../components/Skeleton";
import { messages } from "../../messages";
import { Link, useNavigate } from "../../navigation";
import { locationState, procedureSearchState, useOutcome } from "../../state";

const SEARCH_DELAY_MS = 500;

export default function ProceduresPage() {
  const { search } = useRecoilValue(locationState);
  const query = new URLSearchParams(search).get("q") ?? "";
  const navigate = useNavigate();
  const [text, setText] = useState(query);

  const runSearch = (value: string) => {
    const q = value.trim();
    if (q === query) return;
    navigate(q ? `/procedures?${new URLSearchParams({ q })}` : "/procedures", { replace: true });
  };

  // Search as the citizen types, after a pause (one request per pause, not per letter).
  useEffect(() => {
    const timer = setTimeout(() => runSearch(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = (event: FormEvent) => {
    event.preventDefault();
    runSearch(text);
  };

  return (
    <Page title={messages.procedures.title}>
      <form className="card stack" role="search" onSubmit={submit}>
        <label className="field-label field-label-large" htmlFor="procedure-search">
          {messages.procedures.searchLabel}
        </label>
        <input
          id="procedure-search"
          className="text-input"
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          placeholder={messages.procedures.searchPlaceholder}
          value={text}
          aria-describedby="procedure-search-hint"
          onChange={(e) => setText(e.target.value)}
        />
        <p id="procedure-search-hint" className="muted">
          {messages.procedures.searchHint}
        </p>
        <Button htmlType="submit" fullWidth size="large" prefixIcon={<SearchIcon />}>
          {messages.procedures.search}
        </Button>
      </form>
      <ErrorBoundary key={query} fallback={(error, reset) => <ReadFailed state={procedureSearchState(query)} error={error} reset={reset} />}>
        <Suspense
          fallback={
            <LoadingRegion label={messages.app.loading}>
              <SkeletonCard lines={1} />
              <SkeletonCard lines={1} />
              <SkeletonCard lines={1} />
            </LoadingRegion>
          }
        >
          <Results query={query} />
        </Suspense>
      </ErrorBoundary>
    </Page>
  );
}

function Results({ query }: { query: string }) {
  const procedures = useOutcome(procedureSearchState(query));
  const m = messages.procedures;
  if (procedures.length === 0) return <EmptyState>{query ? m.empty(query) : m.emptyAll}</EmptyState>;
  return (
    <section aria-labelledby="results-title" className="stack">
      <h2 id="results-title" className="section-title" aria-live="polite">
        {query ? m.resultsTitle(procedures.length, query) : m.allTitle}
      </h2>
      <ul className="procedure-list">
        {procedures.map((p) => (
          <li key={p.code}>
            <Link to={`/procedure?${new URLSearchParams({ code: p.code })}`} className="procedure-item">
              <span className="procedure-text">
                <span className="procedure-name">{p.name}</span>
                <span className="muted">{p.field}</span>
                <span className="muted">
                  {m.legalDays(p.legalDays)}
                  {p.feeText ? ` · ${m.fee(p.feeText)}` : ""}
                </span>
              </span>
              <ChevronIcon />
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
