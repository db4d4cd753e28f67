/**
 * The province's hotline as a tap-to-call button, wherever a citizen may be stuck. It never suspends or throws:
 * while the province loads, or when it is unknown (offline with no copy kept), there is simply no button.
 */
import { useRecoilValueLoadable } from "recoil";
import { provinceState } from "../state";
import { CallLink } from "./CallLink";

export function HotlineCall({ label, variant = "secondary" }: { label: (hotline: string) => string; variant?: "primary" | "secondary" }) {
  const province = useRecoilValueLoadable(provinceState);
  const hotline = province.state === "hasValue" ? province.contents?.hotline : null;
  if (!hotline) return null;
  return <CallLink phone={hotline} label={label(hotline)} variant={variant} />;
}
