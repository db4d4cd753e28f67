import { useEffect, useId, useRef, useState } from "react";
import { Button } from "zmp-ui";
import { messages } from "../messages";

type Props = {
  /** The button that starts it ("Bỏ theo dõi"). */
  label: string;
  /** What is asked, as a question ("Bỏ theo dõi hồ sơ này?"). */
  question: string;
  /** What will happen, and what will not, in a sentence or two. */
  detail?: string;
  /** The button that does it ("Có, bỏ theo dõi"). */
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  busy?: boolean;
  variant?: "secondary" | "tertiary";
  size?: "large" | "medium";
};

/**
 * An action that cannot be taken back with one tap, asked about in the page itself rather than in a popup: the
 * button gives way to the question, what it means, and two large buttons, do it or keep things as they are. The
 * question takes the button's place, so a second tap on the same spot lands on text, never on "yes". The panel
 * scrolls into view whole, focus moves to the question (a screen reader reads it), and back to the button when
 * the citizen keeps things.
 */
export function ConfirmAction({ label, question, detail, confirmLabel, onConfirm, busy = false, variant = "secondary", size = "large" }: Props) {
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const panelRef = useRef<HTMLDivElement | null>(null);
  const questionRef = useRef<HTMLParagraphElement | null>(null);
  const triggerRef = useRef<HTMLButtonElement | null>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) {
      questionRef.current?.focus({ preventScroll: true });
      // The whole panel in view, both buttons included, not only the question.
      panelRef.current?.scrollIntoView({ block: "nearest" });
    } else if (returnFocus.current) triggerRef.current?.focus();
    returnFocus.current = false;
  }, [asking]);

  if (!asking) {
    return (
      <Button ref={triggerRef} fullWidth size={size} variant={variant} loading={busy} onClick={() => !busy && setAsking(true)}>
        {label}
      </Button>
    );
  }
  const keep = () => {
    returnFocus.current = true;
    setAsking(false);
  };
  const confirm = () => {
    setAsking(false);
    void onConfirm();
  };
  return (
    <div ref={panelRef} className="confirm-panel" role="group" aria-labelledby={questionId}>
      <p id={questionId} ref={questionRef} tabIndex={-1} className="confirm-question">
        {question}
      </p>
      {detail && <p>{detail}</p>}
      <div className="actions">
        <Button fullWidth size="large" type="danger" onClick={confirm}>
          {confirmLabel}
        </Button>
        <Button fullWidth size="large" variant="secondary" onClick={keep}>
          {messages.confirm.keep}
        </Button>
      </div>
    </div>
  );
}
