import { RatingCard } from "../rate/RatingCard";
import { useHeldToken } from "../rate/proof";

/**
 * Rating is what the slip's QR is for after pickup: whoever opens a returned dossier (status 10) as its owner (the
 * slip's token, a view token from the last 4 digits, or following it) finds the invitation right under the status.
 * At status 9 the top of the page belongs to going to pick the result up; the invitation waits lower down, with the
 * questions (VoiceCards).
 */
export function RatingPrompt({ code, status, ownerToken }: { code: string; status: number; ownerToken: string | null }) {
  const token = useHeldToken(code, ownerToken);
  if (status !== 10) return null;
  return <RatingCard code={code} token={token} />;
}
