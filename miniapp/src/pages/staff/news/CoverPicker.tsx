/**
 * The cover photo of a post: chosen on the phone, checked by its bytes, made small like feedback photos (at most
 * 1600 px, re-encoded, metadata left behind) and held until the post is saved, then uploaded as it is.
 */
import { useEffect, useState } from "react";
import { NEWS_COVER_MAX_BYTES } from "../../../../../worker/src/domain/news";
import { InlineAlert } from "../../../components/Notice";
import { checkChosenPhoto, shrinkPhoto } from "../../../domain/photos";
import { broadcastMessages as t } from "../broadcast-messages";

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 });

export type ChosenCover = { blob: Blob; url: string };

export function CoverPicker({
  current,
  chosen,
  onChoose,
}: {
  current: string | null;
  chosen: ChosenCover | null;
  onChoose: (cover: ChosenCover | null) => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => () => (chosen ? URL.revokeObjectURL(chosen.url) : undefined), [chosen]);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    const wrong = await checkChosenPhoto(file);
    if (wrong) {
      setProblem(wrong.reason === "type" ? t.news.coverWrongType : t.news.coverTooLarge(megabytes(file.size)));
      setBusy(false);
      return;
    }
    const blob = await shrinkPhoto(file);
    if (blob.size > NEWS_COVER_MAX_BYTES) setProblem(t.news.coverTooLarge(megabytes(blob.size)));
    else onChoose({ blob, url: URL.createObjectURL(blob) });
    setBusy(false);
  };

  const shown = chosen?.url ?? current;
  return (
    <fieldset className="card stack">
      <legend className="field-label">{t.news.cover}</legend>
      <p className="muted">{t.news.coverHint}</p>
      {shown && <img src={shown} alt={t.news.cover} className="staff-cover" />}
      {problem && <InlineAlert>{problem}</InlineAlert>}
      <label className="button-link button-link-secondary file-pick" aria-busy={busy}>
        {shown ? t.news.coverChange : t.news.coverPick}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          disabled={busy}
          onChange={(e) => {
            const input = e.target;
            const file = input.files?.[0];
            // Cleared at once, so choosing the same file again is noticed.
            input.value = "";
            void choose(file);
          }}
        />
      </label>
    </fieldset>
  );
}
