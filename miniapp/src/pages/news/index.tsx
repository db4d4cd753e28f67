/**
 * /news — "Tin tức của tỉnh": the province's posts, newest first, a page at a time ("Xem thêm"), narrowed by
 * category. What was read last is kept on the phone and shown, said as such, when there is no network.
 */
import { useEffect, useState } from "react";
import { Button } from "zmp-ui";
import { getNews, type NewsCategory, type NewsPage, type NewsSummary } from "../../api/broadcasts";
import { NetworkError } from "../../api/client";
import { EmptyState, ErrorState, errorMessage, InlineAlert, OfflineBanner } from "../../components/Notice";
import { Page } from "../../components/Page";
import { LoadingRegion, SkeletonCard } from "../../components/Skeleton";
import { formatDate, formatDateTime } from "../../domain/dates";
import { isNewsPage, keepCopy, readCopy } from "../../domain/saved-news";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { storage } from "../../platform";
import { NEWS_FEED_KEY } from "./keys";
import "../../styles/broadcasts.css";
import { newsMessages as t } from "./messages";

const CATEGORIES = Object.keys(t.categories) as NewsCategory[];

type Feed = { page: NewsPage; savedAt: string | null };

export default function NewsFeedPage() {
  const [feed, setFeed] = useState<Feed | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [category, setCategory] = useState<NewsCategory | null>(null);
  const [more, setMore] = useState<{ busy: boolean; problem: string | null }>({ busy: false, problem: null });

  useEffect(() => {
    let live = true;
    setFailure(null);
    void loadFirstPage().then(
      (loaded) => live && setFeed(loaded),
      (error) => live && setFailure(error),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const loadMore = async () => {
    if (!feed?.page.next || more.busy) return;
    setMore({ busy: true, problem: null });
    try {
      const next = await getNews(feed.page.next);
      const page = { news: [...feed.page.news, ...next.news.filter((n) => !feed.page.news.some((m) => m.id === n.id))], next: next.next };
      setFeed({ page, savedAt: null });
      void storage.setItem(NEWS_FEED_KEY, keepCopy(page, new Date()));
      setMore({ busy: false, problem: null });
    } catch (error) {
      setMore({ busy: false, problem: error instanceof NetworkError ? t.moreOffline : errorMessage(error) });
    }
  };

  const shown = feed ? feed.page.news.filter((n) => category === null || n.category === category) : [];
  return (
    <Page title={t.title}>
      <div className="stack">
        {feed?.savedAt && (
          <OfflineBanner>
            <strong className="block">{t.saved}</strong>
            <span className="block">{t.savedAt(formatDateTime(feed.savedAt))}</span>
          </OfflineBanner>
        )}
        {feed?.savedAt && (
          <Button fullWidth size="large" variant="secondary" onClick={() => setAttempt((n) => n + 1)}>
            {messages.app.retry}
          </Button>
        )}
        <div className="chips" role="group" aria-label={t.filterLabel}>
          <Chip pressed={category === null} onClick={() => setCategory(null)}>
            {t.all}
          </Chip>
          {CATEGORIES.map((c) => (
            <Chip key={c} pressed={category === c} onClick={() => setCategory(c)}>
              {t.categories[c]}
            </Chip>
          ))}
        </div>
        {failure ? (
          <ErrorState message={errorMessage(failure)} onRetry={() => setAttempt((n) => n + 1)} />
        ) : !feed ? (
          <LoadingRegion label={messages.app.loading}>
            <SkeletonCard lines={3} />
            <SkeletonCard lines={3} />
          </LoadingRegion>
        ) : (
          <>
            {shown.length === 0 && <EmptyState>{category ? t.emptyCategory : t.empty}</EmptyState>}
            <ul className="stack news-list">
              {shown.map((post) => (
                <li key={post.id}>
                  <NewsCard post={post} />
                </li>
              ))}
            </ul>
            {more.problem && <InlineAlert>{more.problem}</InlineAlert>}
            {feed.page.next && (
              <Button fullWidth size="large" variant="secondary" loading={more.busy} onClick={() => void loadMore()}>
                {t.more}
              </Button>
            )}
          </>
        )}
      </div>
    </Page>
  );
}

/** The first page from the network (kept for later), else the copy kept on the phone when there is no network. */
async function loadFirstPage(): Promise<Feed> {
  try {
    const page = await getNews();
    void storage.setItem(NEWS_FEED_KEY, keepCopy(page, new Date()));
    return { page, savedAt: null };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    const saved = readCopy<NewsPage>(await storage.getItem(NEWS_FEED_KEY), isNewsPage);
    if (!saved) throw error;
    return { page: saved.value, savedAt: saved.fetchedAt };
  }
}

function Chip({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: React.ReactNode }) {
  return (
    <button type="button" className="chip" aria-pressed={pressed} onClick={onClick}>
      {children}
    </button>
  );
}

function NewsCard({ post }: { post: NewsSummary }) {
  return (
    <Link to={`/news/item?id=${encodeURIComponent(post.id)}`} className="news-item">
      {post.coverUrl && <img className="news-cover" src={post.coverUrl} alt="" loading="lazy" />}
      <span className="news-item-text">
        <span className="news-category">{t.categories[post.category]}</span>
        <span className="news-title">{post.title}</span>
        <span>{post.summary}</span>
        <span className="muted">{t.publishedAt(formatDate(post.publishedAt))}</span>
      </span>
    </Link>
  );
}
