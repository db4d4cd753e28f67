/**
 * The province picker's rules: the order the provinces are offered in and what is kept on the phone when one is
 * chosen (read back at start by province-choice.ts). Apart from that module so none of this is in the first script.
 */
import type { ProvinceLook } from "./province-choice";

/** A province as GET /v1/provinces lists it. */
export type ProvinceSummary = ProvinceLook & { name: string; shortName: string };

export type ProvinceOption = ProvinceSummary & { current: boolean };

const byName = new Intl.Collator("vi", { sensitivity: "base" });

/** The province the app serves now first (the one the citizen most likely keeps), then the others by name as Vietnamese sorts it. */
export function provinceOptions(provinces: readonly ProvinceSummary[], currentId: string): ProvinceOption[] {
  return provinces
    .map((province) => ({ ...province, current: province.id === currentId }))
    .sort((a, b) => Number(b.current) - Number(a.current) || byName.compare(a.shortName, b.shortName));
}

/** What is kept on the phone for the chosen province: its id, and its name and colours for the first frame. */
export function provinceChoiceValue(province: ProvinceSummary): string {
  const { id, name, channelName, primaryColor, accentColor } = province;
  return JSON.stringify({ id, name, channelName, primaryColor, accentColor } satisfies ProvinceLook);
}
