/**
 * /news/item?id=… — one post: its cover, category, title, date, summary and body. The body comes as paragraphs
 * with their links, rendered as text and anchors: nothing from outside is ever rendered as HTML. "Chia sẻ" opens
 * Zalo's share sheet (the browser's, or copies the link, elsewhere). The last post read is kept on the phone.
 */
import { Fragment, useEffect, useMemo, useState, type MouseEvent } from "react";
import { Button } from "zmp-ui";
import { useRecoilValue, useRecoilValueLoadable } from "recoil";
import { getNewsPost, type NewsPost } from "../../api/broadcasts";
import { ApiError, NetworkError } from "../../api/client";
import { ErrorState, errorMessage, InlineAlert, OfflineBanner } from "../../components/Notice";
import { Page } from "../../components/Page";
import { LoadingRegion, SkeletonCard } from "../../components/Skeleton";
import { formatDate, formatDateTime } from "../../domain/dates";
import { isNewsPost, keepCopy, readCopy } from "../../domain/saved-news";
import { messages } from "../../messages";
import { Link } from "../../navigation";
import { openLink, storage } from "../../platform";
import { sharePage } from "../../platform/share";
import { basename, locationState, provinceState } from "../../state";
import { NEWS_POST_KEY } from "./keys";
import "../../styles/broadcasts.css";
import { newsMessages as t } from "./messages";

type Loaded = { post: NewsPost; savedAt: string | null };

export default function NewsItemPage() {
  const { search } = useRecoilValue(locationState);
  const id = useMemo(() => new URLSearchParams(search).get("id")?.trim() ?? "", [search]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setLoaded(null);
    setFailure(null);
    void loadPost(id).then(
      (post) => live && setLoaded(post),
      (error) => live && setFailure(error),
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);
  return (
    <Page title={t.title}>
      {failure ? (
        <ErrorState message={errorMessage(failure)} onRetry={() => setAttempt((n) => n + 1)}>
          <Link to="/news" className="text-link">
            {t.back}
          </Link>
        </ErrorState>
      ) : !loaded ? (
        <LoadingRegion label={messages.app.loading}>
          <SkeletonCard lines={2} height={24} />
          <SkeletonCard lines={5} />
        </LoadingRegion>
      ) : (
        <Post post={loaded.post} savedAt={loaded.savedAt} onRetry={() => setAttempt((n) => n + 1)} />
      )}
    </Page>
  );
}

/** The post from the network (kept as the last one read), else the same post kept on the phone. */
async function loadPost(id: string): Promise<Loaded> {
  if (!id) throw new ApiError(404, "not_found", t.notFound);
  try {
    const post = await getNewsPost(id);
    void storage.setItem(NEWS_POST_KEY, keepCopy(post, new Date()));
    return { post, savedAt: null };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    const saved = readCopy<NewsPost>(await storage.getItem(NEWS_POST_KEY), isNewsPost);
    if (!saved || saved.value.id !== id) throw error;
    return { post: saved.value, savedAt: saved.fetchedAt };
  }
}

function Post({ post, savedAt, onRetry }: { post: NewsPost; savedAt: string | null; onRetry: () => void }) {
  return (
    <article className="stack">
      {savedAt && (
        <>
          <OfflineBanner>
            <strong className="block">{t.saved}</strong>
            <span className="block">{t.savedAt(formatDateTime(savedAt))}</span>
          </OfflineBanner>
          <Button fullWidth size="large" variant="secondary" onClick={onRetry}>
            {messages.app.retry}
          </Button>
        </>
      )}
      <section className="card stack news-post">
        {post.coverUrl && <img className="news-cover" src={post.coverUrl} alt={t.cover(post.title)} />}
        <span className="news-category">{t.categories[post.category]}</span>
        <h2 className="news-title">{post.title}</h2>
        <p className="muted">{t.publishedAt(formatDate(post.publishedAt))}</p>
        <p className="emphasis">{post.summary}</p>
        <div className="news-body">
          {post.paragraphs.map((paragraph, i) => (
            <p key={i}>
              <ParagraphText paragraph={paragraph} />
            </p>
          ))}
        </div>
      </section>
      <ShareButton post={post} />
      <Link to="/news" className="text-link">
        {t.back}
      </Link>
    </article>
  );
}

type Paragraph = NewsPost["paragraphs"][number];

/** A paragraph's text with each of its links, where the text names it, as an anchor (https only, as the API makes them). */
function ParagraphText({ paragraph }: { paragraph: Paragraph }) {
  const parts: { text: string; url?: string }[] = [];
  let rest = paragraph.text;
  for (const link of paragraph.links) {
    const at = link.text ? rest.indexOf(link.text) : -1;
    if (at === -1 || !/^https:\/\//i.test(link.url)) continue;
    if (at > 0) parts.push({ text: rest.slice(0, at) });
    parts.push({ text: link.text, url: link.url });
    rest = rest.slice(at + link.text.length);
  }
  if (rest) parts.push({ text: rest });
  return (
    <>
      {parts.map((part, i) =>
        part.url ? (
          <a key={i} className="news-link" href={part.url} target="_blank" rel="noopener noreferrer" onClick={(e) => void openOutside(e, part.url!)}>
            {part.text}
          </a>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

/** Inside Zalo a link opens in Zalo's webview, so the citizen comes back to the post after it. */
async function openOutside(event: MouseEvent<HTMLAnchorElement>, url: string) {
  event.preventDefault();
  if (!(await openLink(url, "page"))) window.open(url, "_blank", "noopener,noreferrer");
}

function ShareButton({ post }: { post: NewsPost }) {
  const province = useRecoilValueLoadable(provinceState).valueMaybe();
  const [outcome, setOutcome] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const share = async () => {
    const path = `/news/item?id=${encodeURIComponent(post.id)}`;
    const result = await sharePage({
      title: post.title,
      description: post.summary,
      path,
      url: new URL(`${basename}${path}`, window.location.origin).href,
      // Zalo's card wants a picture: the cover, else the province's logo.
      thumbnail: post.coverUrl ?? province?.logoUrl ?? "",
    });
    if (result === "copied") setOutcome({ tone: "success", text: t.copied });
    else if (result === "failed") setOutcome({ tone: "error", text: t.shareFailed });
    else setOutcome(null);
  };
  return (
    <div className="stack">
      <Button fullWidth size="large" variant="secondary" onClick={() => void share()}>
        {t.share}
      </Button>
      {outcome && <InlineAlert tone={outcome.tone}>{outcome.text}</InlineAlert>}
    </div>
  );
}
