/**
 * A post as citizens will read it in "Tin tức": cover, category and date, title, summary, then the body in
 * paragraphs with its https links, split by the same rule the server uses. Never HTML.
 */
import { Fragment } from "react";
import { newsParagraphs, type NewsParagraph } from "../../../../../worker/src/domain/news";
import { formatDate } from "../../../domain/dates";
import { broadcastMessages as t } from "../broadcast-messages";

export type PreviewPost = { title: string; summary: string; body: string; category: string; publishedAt: string; coverUrl: string | null };

/** A paragraph's text with each link in its place; links open outside the app. */
function ParagraphText({ paragraph }: { paragraph: NewsParagraph }) {
  const parts: (string | { url: string })[] = [];
  let rest = paragraph.text;
  for (const link of paragraph.links) {
    const at = rest.indexOf(link.url);
    if (at < 0) continue;
    parts.push(rest.slice(0, at), { url: link.url });
    rest = rest.slice(at + link.url.length);
  }
  parts.push(rest);
  return (
    <p>
      {parts.map((part, i) =>
        typeof part === "string" ? (
          <Fragment key={i}>{part}</Fragment>
        ) : (
          <a key={i} href={part.url} target="_blank" rel="noopener noreferrer" className="text-link">
            {part.url}
          </a>
        ),
      )}
    </p>
  );
}

export function NewsPreview({ post }: { post: PreviewPost }) {
  return (
    <article className="card stack news-preview" aria-label={t.news.preview}>
      {post.coverUrl && <img src={post.coverUrl} alt="" className="staff-cover" />}
      <p className="muted">
        {t.news.categories[post.category]} · {formatDate(post.publishedAt)}
      </p>
      <h2 className="card-title">{post.title}</h2>
      <p className="emphasis">{post.summary}</p>
      {newsParagraphs(post.body).map((p, i) => (
        <ParagraphText key={i} paragraph={p} />
      ))}
    </article>
  );
}
