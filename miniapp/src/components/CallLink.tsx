/**
 * A button that calls a number. Its own module, apart from PlaceCard: the home page's hotline needs only this, and
 * the place card (its hours, its maps link) then stays out of the first script.
 */
import type { MouseEvent } from "react";
import { telHref } from "../domain/place-links";
import { messages } from "../messages";
import { callPhone } from "../platform";
import { PhoneIcon } from "./icons";

/** A real tel: link (a browser dials it); inside Zalo the call goes through Zalo's own dialer. */
export function CallLink({ phone, label, variant = "secondary" }: { phone: string; label?: string; variant?: "primary" | "secondary" }) {
  const href = telHref(phone);
  if (!href) return null;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    void callPhone(phone);
  };
  return (
    <a href={href} onClick={onClick} className={`button-link with-icon${variant === "secondary" ? " button-link-secondary" : ""}`}>
      <PhoneIcon />
      <span>{label ?? messages.place.call(phone)}</span>
    </a>
  );
}
