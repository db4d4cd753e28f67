import { useState, type FormEvent } from "react";
import { Button } from "zmp-ui";
import { useRecoilCallback } from "recoil";
import { unlockDossier } from "../../api/client";
import { LockIcon } from "../../components/icons";
import { errorMessage, InlineAlert } from "../../components/Notice";
import { rememberDossier } from "../../domain/saved-dossiers";
import { messages } from "../../messages";
import { savedDossiersState, tokenRefusalState, knownLookupState } from "../../state";

/**
 * With only the public view: offers the owner view for the last 4 digits of the applicant's ID number, and says
 * why it asks. The view token it earns is kept on the phone for its 30 minutes and the owner view shows at once.
 */
export function UnlockCard({ code, visit }: { code: string; visit: string }) {
  const [digits, setDigits] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const showUnlocked = useRecoilCallback(
    ({ set }) =>
      (unlocked: Awaited<ReturnType<typeof unlockDossier>>) => {
        const now = new Date();
        const fetchedAt = now.toISOString();
        const viewToken = { token: unlocked.viewToken, expiresAt: unlocked.viewTokenExpiresAt };
        set(knownLookupState({ code, token: viewToken.token, visit }), { view: unlocked.dossier, fetchedAt });
        set(tokenRefusalState(code), null);
        set(savedDossiersState, (list) => rememberDossier(list, { code, view: unlocked.dossier, fetchedAt, viewToken }, now));
      },
    [code, visit],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!/^\d{4}$/.test(digits)) {
      setError(messages.unlock.invalid);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      showUnlocked(await unlockDossier(code, digits));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <section className="card unlock-card" aria-labelledby="unlock-title">
      <h2 id="unlock-title" className="card-title with-icon">
        <LockIcon />
        {messages.unlock.title}
      </h2>
      <p>{messages.unlock.why}</p>
      <form onSubmit={submit} className="stack" noValidate>
        <label className="field-label" htmlFor="id-last4">
          {messages.unlock.label}
        </label>
        <input
          id="id-last4"
          className="text-input digits-input"
          inputMode="numeric"
          pattern="[0-9]*"
          autoComplete="off"
          maxLength={4}
          value={digits}
          aria-invalid={error ? true : undefined}
          aria-describedby="unlock-privacy"
          onChange={(e) => setDigits(e.target.value.replace(/\D/g, "").slice(0, 4))}
        />
        {error && <InlineAlert>{error}</InlineAlert>}
        <Button htmlType="submit" fullWidth size="large" loading={busy}>
          {messages.unlock.submit}
        </Button>
      </form>
      <p id="unlock-privacy" className="muted">
        {messages.unlock.privacy}
      </p>
      <p className="muted">{messages.unlock.orScan}</p>
    </section>
  );
}
