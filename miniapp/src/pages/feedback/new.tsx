/**
 * /feedback/new — send feedback or a petition: field, text, commune or ward, up to 4 photos (each checked when
 * chosen, made small on the phone), the place only if the citizen ticks the box (and only then asked for), and
 * whether to hide their name from the public list (hidden unless they untick it).
 */
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useSetRecoilState } from "recoil";
import { PHOTO_MAX_COUNT, TEXT_LIMITS } from "../../../../worker/src/domain/limits";
import { sendFeedback } from "../../api/voice";
import { errorMessage, InlineAlert } from "../../components/Notice";
import { Page } from "../../components/Page";
import { SignedIn } from "../../components/SignedIn";
import {
  checkChosenPhoto,
  checkPhotoToSend,
  currentPosition,
  MAX_ORIGINAL_BYTES,
  MAX_SENT_PHOTO_BYTES,
  type PhotoProblem,
  shrinkPhoto,
} from "../../domain/photos";
import { messages } from "../../messages";
import { useNavigate } from "../../navigation";
import { useOutcome } from "../../state";
import { accountVersionState } from "../../state/account";
import { feedbackOptionsState } from "../../state/voice";

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

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 });

/** Names the file that will not go, and why. */
function photoProblemText(name: string, problem: PhotoProblem): string {
  const t = messages.feedback;
  switch (problem.reason) {
    case "type":
      return t.photoWrongType(name);
    case "original_too_large":
      return t.photoOriginalTooLarge(name, megabytes(problem.bytes), MAX_ORIGINAL_BYTES / 1024 / 1024);
    case "too_large_to_send":
      return t.photoTooLargeToSend(name, megabytes(problem.bytes), MAX_SENT_PHOTO_BYTES / 1024 / 1024);
  }
}

function FeedbackForm() {
  const options = useOutcome(feedbackOptionsState);
  const navigate = useNavigate();
  const bump = useSetRecoilState(accountVersionState);
  const [category, setCategory] = useState("");
  const [text, setText] = useState("");
  const [district, setDistrict] = useState("");
  const [name, setName] = useState("");
  // Hidden from the public unless the citizen chooses otherwise; the staff handling it see a name given.
  const [anonymous, setAnonymous] = useState(true);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [photoProblems, setPhotoProblems] = useState<string[]>([]);
  const [checkingPhotos, setCheckingPhotos] = useState(false);
  const [place, setPlace] = useState<{ lat: number; lng: number } | null>(null);
  const [sharePlace, setSharePlace] = useState(false);
  const [placeNote, setPlaceNote] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.url)), []); // eslint-disable-line react-hooks/exhaustive-deps

  /** One file at a time: a cheap phone decodes one large photo at once, not four. */
  const addPhotos = async (files: File[]) => {
    if (files.length === 0) return;
    setCheckingPhotos(true);
    const problems: string[] = [];
    const added: Photo[] = [];
    let room = PHOTO_MAX_COUNT - photos.length;
    let tooMany = false;
    for (const file of files) {
      const chosen = await checkChosenPhoto(file);
      if (chosen) {
        problems.push(photoProblemText(file.name, chosen));
        continue;
      }
      if (room === 0) {
        tooMany = true;
        continue;
      }
      const blob = await shrinkPhoto(file);
      const toSend = checkPhotoToSend(blob);
      if (toSend) {
        problems.push(photoProblemText(file.name, toSend));
        continue;
      }
      added.push({ blob, url: URL.createObjectURL(blob) });
      room--;
    }
    if (tooMany) problems.push(messages.feedback.tooManyPhotos);
    setPhotos((list) => [...list, ...added]);
    setPhotoProblems(problems);
    setCheckingPhotos(false);
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
    if (text.trim().length < TEXT_LIMITS.feedback.min) return setError(messages.feedback.tooShort);
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
      <textarea
        id="fb-text"
        className="text-input text-area"
        rows={5}
        maxLength={TEXT_LIMITS.feedback.max}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby="fb-text-hint"
      />
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
              <button
                key={p.url}
                type="button"
                className="photo-remove"
                onClick={() => setPhotos((list) => list.filter((x) => x !== p))}
                aria-label={messages.feedback.removePhoto(i + 1)}
              >
                <img src={p.url} alt="" className="photo-thumb" />
                <span aria-hidden="true">×</span>
              </button>
            ))}
          </div>
        )}
        {photoProblems.map((problem, i) => (
          <InlineAlert key={i}>{problem}</InlineAlert>
        ))}
        {photos.length < PHOTO_MAX_COUNT && (
          <label className="button-link button-link-secondary file-pick" aria-busy={checkingPhotos}>
            {messages.feedback.addPhoto}
            <input
              type="file"
              accept="image/jpeg,image/png,image/webp"
              multiple
              disabled={checkingPhotos}
              onChange={(e) => {
                const input = e.target;
                const files = Array.from(input.files ?? []);
                // Cleared at once, so choosing the same file again is noticed.
                input.value = "";
                void addPhotos(files);
              }}
            />
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
      <input
        id="fb-name"
        className="text-input"
        maxLength={TEXT_LIMITS.senderName.max}
        autoComplete="name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
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
