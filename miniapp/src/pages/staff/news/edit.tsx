/**
 * /staff/news/edit[?id=…] — write a post or edit one: title and summary with their limits shown as the writer
 * types, the body (paragraphs, links as https://…), the category, publish now or at a time (Vietnam's), whether
 * subscribers get a Zalo message, a cover photo, a preview as citizens will see it, and unpublishing with a
 * confirmation.
 */
import { useMemo, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useRecoilValue, useSetRecoilState } from "recoil";
import { NEWS_LIMITS } from "../../../../../worker/src/domain/news";
import { createNews, type NewsInput, type StaffNews, unpublishNews, updateNews, uploadNewsCover } from "../../../api/staff-broadcasts";
import { ConfirmAction } from "../../../components/ConfirmAction";
import { errorMessage, ErrorState, InlineAlert } from "../../../components/Notice";
import { Page } from "../../../components/Page";
import { SignedIn } from "../../../components/SignedIn";
import { fromVnInput, textUse, vnInputValue } from "../../../domain/staff-broadcasts";
import { useNavigate } from "../../../navigation";
import { locationState, useOutcome } from "../../../state";
import { accountVersionState } from "../../../state/account";
import { staffNewsState } from "../../../state/staff-broadcasts";
import { broadcastMessages as t } from "../broadcast-messages";
import { type ChosenCover, CoverPicker } from "./CoverPicker";
import { TextField, VnTimeField } from "../TextField";
import { NewsPreview } from "./NewsPreview";
import "../broadcasts.css";

export default function StaffNewsEditPage() {
  const { search } = useRecoilValue(locationState);
  const id = useMemo(() => new URLSearchParams(search).get("id"), [search]);
  return (
    <Page title={id ? t.news.editTitle : t.news.newTitle}>
      <SignedIn>{id ? <Existing id={id} /> : <NewsForm post={null} />}</SignedIn>
    </Page>
  );
}

function Existing({ id }: { id: string }) {
  const post = useOutcome(staffNewsState).find((p) => p.id === id);
  return post ? <NewsForm post={post} /> : <ErrorState message={t.news.notFound} />;
}

/** A text field with its limit counted as the writer types. */
function LimitedField({ max, ...field }: { id: string; label: string; value: string; max: number; rows?: number; onChange: (v: string) => void }) {
  const { used, over } = textUse(field.value, max);
  return <TextField {...field} note={over > 0 ? t.news.over(over) : t.news.left(used, max)} noteClass={over > 0 ? "count-over" : "muted"} />;
}

function NewsForm({ post }: { post: StaffNews | null }) {
  const navigate = useNavigate();
  const bump = useSetRecoilState(accountVersionState);
  const [title, setTitle] = useState(post?.title ?? "");
  const [summary, setSummary] = useState(post?.summary ?? "");
  const [body, setBody] = useState(post?.body ?? "");
  const [category, setCategory] = useState<string>(post?.category ?? "thong-bao");
  const [later, setLater] = useState(post?.state === "scheduled");
  const [at, setAt] = useState(post?.state === "scheduled" ? vnInputValue(post.publishedAt) : "");
  const [notify, setNotify] = useState(post?.notify ?? true);
  const [cover, setCover] = useState<ChosenCover | null>(null);
  const [preview, setPreview] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const tooLong = textUse(title, NEWS_LIMITS.title.max).over > 0 || textUse(summary, NEWS_LIMITS.summary.max).over > 0;

  /** When it appears: kept as it was unless the writer moved it (now, or a new time). */
  const publishedAt = (): string | undefined | null => {
    if (later) return fromVnInput(at);
    return !post || post.state === "scheduled" ? new Date().toISOString() : undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!title.trim() || !summary.trim() || !body.trim()) return setError(t.news.missing);
    if (tooLong) return setError(t.news.tooLong);
    const when = publishedAt();
    if (when === null) return setError(t.news.missingTime);
    setBusy(true);
    setError(null);
    const input: NewsInput = { title: title.trim(), summary: summary.trim(), body: body.trim(), category: category as NewsInput["category"], notify };
    if (when) input.publishedAt = when;
    try {
      const saved = post ? await updateNews(post.id, input) : await createNews(input);
      if (cover) await uploadNewsCover(saved.id, cover.blob);
      bump((n) => n + 1);
      navigate("/staff/news", { replace: true });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  const unpublish = async () => {
    setBusy(true);
    try {
      await unpublishNews(post!.id);
      bump((n) => n + 1);
      navigate("/staff/news", { replace: true });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <LimitedField id="news-title" label={t.news.titleLabel} value={title} max={NEWS_LIMITS.title.max} onChange={setTitle} />
      <LimitedField id="news-summary" label={t.news.summaryLabel} value={summary} max={NEWS_LIMITS.summary.max} rows={3} onChange={setSummary} />
      <TextField id="news-body" label={t.news.bodyLabel} value={body} onChange={setBody} rows={8} maxLength={NEWS_LIMITS.body.max} note={t.news.bodyHint} />

      <label className="field-label" htmlFor="news-category">
        {t.news.categoryLabel}
      </label>
      <select id="news-category" className="text-input" value={category} onChange={(e) => setCategory(e.target.value)}>
        {Object.keys(t.news.categories).map((c) => (
          <option key={c} value={c}>
            {t.news.categories[c]}
          </option>
        ))}
      </select>

      <fieldset className="card stack">
        <legend className="field-label">{t.news.whenLabel}</legend>
        <label className="choice">
          <input type="radio" name="news-when" checked={!later} onChange={() => setLater(false)} />
          <span>{t.news.now}</span>
        </label>
        <label className="choice">
          <input type="radio" name="news-when" checked={later} onChange={() => setLater(true)} />
          <span>{t.news.later}</span>
        </label>
        {later && <VnTimeField id="news-at" label={t.news.atLabel} value={at} onChange={setAt} min={vnInputValue(new Date())} said={t.news.scheduled} />}
      </fieldset>

      <label className="choice">
        <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
        <span>{t.news.notify}</span>
      </label>
      <p className="muted">{t.news.notifyHint}</p>

      <CoverPicker current={post?.coverUrl ?? null} chosen={cover} onChoose={setCover} />

      <Button fullWidth size="large" variant="secondary" onClick={() => setPreview((p) => !p)} aria-expanded={preview}>
        {preview ? t.news.hidePreview : t.news.preview}
      </Button>
      {preview && (
        <NewsPreview
          post={{
            title: title.trim(),
            summary: summary.trim(),
            body,
            category,
            publishedAt: (later && fromVnInput(at)) || post?.publishedAt || new Date().toISOString(),
            coverUrl: cover?.url ?? post?.coverUrl ?? null,
          }}
        />
      )}

      {error && <InlineAlert>{error}</InlineAlert>}
      <Button htmlType="submit" fullWidth size="large" loading={busy}>
        {post ? t.news.save : t.news.publish}
      </Button>
      {post && post.state !== "unpublished" && (
        <ConfirmAction
          label={t.news.unpublish}
          question={t.news.unpublishQuestion}
          detail={t.news.unpublishDetail}
          confirmLabel={t.news.unpublishConfirm}
          onConfirm={unpublish}
          busy={busy}
          variant="tertiary"
        />
      )}
    </form>
  );
}
