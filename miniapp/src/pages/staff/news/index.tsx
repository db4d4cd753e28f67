/**
 * /staff/news — the province's news as its writers see it: published, scheduled and unpublished posts, newest
 * first, each with its delivery counts (live while they still move), and "Viết tin mới".
 */
import { getDeliveries, type StaffNews } from "../../../api/staff-broadcasts";
import { EmptyState } from "../../../components/Notice";
import { Page } from "../../../components/Page";
import { SignedIn } from "../../../components/SignedIn";
import { formatDateTime } from "../../../domain/dates";
import { Link } from "../../../navigation";
import { useOutcome } from "../../../state";
import { staffNewsState } from "../../../state/staff-broadcasts";
import { broadcastMessages as t } from "../broadcast-messages";
import { LiveDeliveryCounts } from "../DeliveryCounts";
import "../broadcasts.css";

export default function StaffNewsPage() {
  return (
    <Page title={t.news.title}>
      <SignedIn>
        <NewsList />
      </SignedIn>
    </Page>
  );
}

/** When a post shows, or was taken down, as its writers read it. */
export function newsWhen(post: StaffNews): string {
  if (post.state === "unpublished") return t.news.unpublished(formatDateTime(post.unpublishedAt));
  return post.state === "scheduled" ? t.news.scheduled(formatDateTime(post.publishedAt)) : t.news.published(formatDateTime(post.publishedAt));
}

function NewsList() {
  const news = useOutcome(staffNewsState);
  return (
    <div className="stack">
      <Link to="/staff/news/edit" className="button-link">
        {t.news.write}
      </Link>
      {news.length === 0 ? (
        <EmptyState>{t.news.empty}</EmptyState>
      ) : (
        <ul className="plain-list stack">
          {news.map((post) => (
            <li key={post.id} className={`card stack news-row news-${post.state}`}>
              <p className="badge-status">{t.news.states[post.state]}</p>
              <Link to={`/staff/news/edit?id=${encodeURIComponent(post.id)}`} className="text-link news-row-title">
                {post.title}
              </Link>
              <p className="muted">
                {t.news.categories[post.category]} · {newsWhen(post)}
              </p>
              {post.notify && post.state !== "scheduled" && <LiveDeliveryCounts subject={post.id} load={() => getDeliveries("news", post.id)} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
