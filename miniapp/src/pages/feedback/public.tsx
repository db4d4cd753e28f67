/** /feedback/public — answered feedback of the province, searchable with or without diacritics; no sign-in. */
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import type { PublicFeedback } from "../../api/types";
import { listPublicFeedback } from "../../api/voice";
import { EmptyState, errorMessage, ErrorState } from "../../components/Notice";
import { Page } from "../../components/Page";
import { LoadingRegion, SkeletonCard } from "../../components/Skeleton";
import { messages } from "../../messages";
import { useRecoilValueLoadable } from "recoil";
import { feedbackOptionsState } from "../../state/voice";
import { FeedbackBody } from "./FeedbackCard";

type Query = { text: string; category: string };

export default function PublicFeedbackPage() {
  const options = useRecoilValueLoadable(feedbackOptionsState).valueMaybe();
  const categories = options?.ok ? options.value.categories : [];
  const [draft, setDraft] = useState<Query>({ text: "", category: "" });
  const [query, setQuery] = useState<Query>({ text: "", category: "" });
  const [items, setItems] = useState<PublicFeedback[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = async (q: Query, before?: number) => {
    setBusy(true);
    setError(null);
    try {
      const page = await listPublicFeedback({ text: q.text.trim() || undefined, category: q.category || undefined, before });
      setItems((list) => (before && list ? [...list, ...page.feedback] : page.feedback));
      setNext(page.nextBefore);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => void load(query), [query]); // eslint-disable-line react-hooks/exhaustive-deps
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ ...draft });
  };

  return (
    <Page title={messages.feedback.publicTitle}>
      <div className="stack">
        <form className="stack" onSubmit={search} role="search">
          <label className="field-label" htmlFor="pf-text">
            {messages.feedback.searchLabel}
          </label>
          <input
            id="pf-text"
            className="text-input"
            type="search"
            placeholder={messages.feedback.searchPlaceholder}
            value={draft.text}
            onChange={(e) => setDraft((d) => ({ ...d, text: e.target.value }))}
          />
          <label className="field-label" htmlFor="pf-category">
            {messages.feedback.categoryLabel}
          </label>
          <select id="pf-category" className="text-input" value={draft.category} onChange={(e) => setDraft((d) => ({ ...d, category: e.target.value }))}>
            <option value="">{messages.feedback.allCategories}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
          <Button htmlType="submit" fullWidth size="large" variant="secondary">
            {messages.feedback.search}
          </Button>
        </form>
        {error ? (
          <ErrorState message={errorMessage(error)} onRetry={() => void load(query)} />
        ) : items === null ? (
          <LoadingRegion label={messages.app.loading}>
            <SkeletonCard lines={3} />
          </LoadingRegion>
        ) : items.length === 0 ? (
          <EmptyState>{messages.feedback.publicEmpty}</EmptyState>
        ) : (
          <ul className="stack plain-list">
            {items.map((f) => (
              <li key={f.id} className="card stack">
                <FeedbackBody f={f} showSender />
              </li>
            ))}
          </ul>
        )}
        {next !== null && !error && (
          <Button fullWidth size="large" variant="tertiary" loading={busy} onClick={() => void load(query, next)}>
            {messages.feedback.more}
          </Button>
        )}
      </div>
    </Page>
  );
}
