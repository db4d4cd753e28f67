/**
 * /feedback/new — send feedback or a petition: field, text, commune or ward, up to 4 photos (made small on the
 * phone), the place only if the citizen ticks the box (and only then asked for), and whether to hide their name
 * from the public list.
 */
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useSetRecoilState } from "recoil";
import { sendFeedback } from "../../api/voice";
import { errorMessage, InlineAlert } from "../../components/Notice";
import { Page } from "../../components/Page";
import { SignedIn } from "../../components/SignedIn";
import { currentPosition, shrinkPhoto } from "../../domain/photos";
import { messages } from "../../messages";
import { useNavigate } from "../../navigation";
import { useOutcome } from "../../state";
import { accountVersionState } from "../../state/account";
import { feedbackOptionsState } from "../../state/voice";

const MAX_PHOTOS = 4;

export default function NewFeedbackPage() {
  return (
    <Page title={messages.feedback.newTitle}>
      <SignedIn>
        <FeedbackForm />
      </SignedIn>
    </Page>
  );
}

type Photo = { blob: Blob; url: string };

function FeedbackForm() {
  const options = useOutcome(feedbackOptionsState);
  const navigate = useNavigate();
  const bump = useSetRecoilState(accountVersionState);
  const [category, setCategory] = useState("");
  const [text, setText] = useState("");
  const [district, setDistrict] = useState("");
  const [name, setName] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [place, setPlace] = useState<{ lat: number; lng: number } | null>(null);
  const [sharePlace, setSharePlace] = useState(false);
  const [placeNote, setPlaceNote] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.url)), []); // eslint-disable-line react-hooks/exhaustive-deps

  const addPhotos = async (files: FileList | null) => {
    if (!files) return;
    const room = MAX_PHOTOS - photos.length;
    if (files.length > room) setError(messages.feedback.tooManyPhotos);
    const added = await Promise.all([...files].slice(0, room).map(async (f) => {
      const blob = await shrinkPhoto(f);
      return { blob, url: URL.createObjectURL(blob) };
    }));
    setPhotos((list) => [...list, ...added]);
  };

  const toggleShare = async (on: boolean) => {
    setSharePlace(on);
    setPlaceNote(null);
    if (!on) return setPlace(null);
    try {
      setPlace(await currentPosition());
      setPlaceNote({ tone: "success", text: messages.feedback.placeShared });
    } catch {
      setSharePlace(false);
      setPlaceNote({ tone: "error", text: messages.feedback.placeFailed });
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!category) return setError(messages.feedback.missingCategory);
    if (text.trim().length < 10) return setError(messages.feedback.tooShort);
    setBusy(true);
    setError(null);
    try {
      const created = await sendFeedback({
        category,
        text: text.trim(),
        district: district || undefined,
        anonymous,
        senderName: name.trim() || undefined,
        place: sharePlace && place ? place : undefined,
        photos: photos.map((p) => p.blob),
      });
      bump((n) => n + 1);
      navigate(`/feedback/item?id=${created.id}&sent=1`, { replace: true });
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <label className="field-label" htmlFor="fb-category">
        {messages.feedback.categoryLabel}
      </label>
      <select id="fb-category" className="text-input" value={category} onChange={(e) => setCategory(e.target.value)}>
        <option value="">{messages.feedback.categoryPick}</option>
        {options.categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>

      <label className="field-label" htmlFor="fb-text">
        {messages.feedback.textLabel}
      </label>
      <textarea id="fb-text" className="text-input text-area" rows={5} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} aria-describedby="fb-text-hint" />
      <p id="fb-text-hint" className="muted">
        {messages.feedback.textHint}
      </p>

      <label className="field-label" htmlFor="fb-district">
        {messages.feedback.districtLabel}
      </label>
      <select id="fb-district" className="text-input" value={district} onChange={(e) => setDistrict(e.target.value)}>
        <option value="">{messages.feedback.districtNone}</option>
        {options.districts.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>

      <fieldset className="card stack">
        <legend className="field-label">{messages.feedback.photosLabel}</legend>
        <p className="muted">{messages.feedback.photosHint}</p>
        {photos.length > 0 && (
          <div className="photo-row">
            {photos.map((p, i) => (
              <button key={p.url} type="button" className="photo-remove" onClick={() => setPhotos((list) => list.filter((x) => x !== p))} aria-label={messages.feedback.removePhoto(i + 1)}>
                <img src={p.url} alt="" className="photo-thumb" />
                <span aria-hidden="true">×</span>
              </button>
            ))}
          </div>
        )}
        {photos.length < MAX_PHOTOS && (
          <label className="button-link button-link-secondary file-pick">
            {messages.feedback.addPhoto}
            <input type="file" accept="image/jpeg,image/png,image/webp" multiple onChange={(e) => void addPhotos(e.target.files).then(() => (e.target.value = ""))} />
          </label>
        )}
      </fieldset>

      <fieldset className="card stack">
        <label className="choice">
          <input type="checkbox" checked={sharePlace} onChange={(e) => void toggleShare(e.target.checked)} />
          <span>{messages.feedback.placeLabel}</span>
        </label>
        <p className="muted">{messages.feedback.placeWhy}</p>
        {placeNote && <InlineAlert tone={placeNote.tone}>{placeNote.text}</InlineAlert>}
      </fieldset>

      <label className="field-label" htmlFor="fb-name">
        {messages.feedback.nameLabel}
      </label>
      <input id="fb-name" className="text-input" maxLength={80} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
      <label className="choice">
        <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
        <span>{messages.feedback.anonymousLabel}</span>
      </label>
      <p className="muted">{messages.feedback.anonymousWhy}</p>

      {error && <InlineAlert>{error}</InlineAlert>}
      <Button htmlType="submit" fullWidth size="large" loading={busy}>
        {messages.feedback.submit}
      </Button>
    </form>
  );
}
