/**
 * Which province the app serves on this phone: the build's, unless the citizen chose another one (kept on the
 * phone, it wins). The choice keeps the province's name and colours as the picker listed them, so the first frame
 * after the restart already shows the chosen province, before its API answers. Read at start, before anything
 * else, so this part stays tiny: it is in the first script.
 */

/** Where the choice is kept: one key for the phone, outside every province's own `motcua:<id>:…` keys. */
export const PROVINCE_CHOICE_KEY = "motcua:province";

/** What the first frame needs to know of a province: the fields of GET /v1/provinces. */
export type ProvinceLook = { id: string; name: string | null; channelName: string; primaryColor: string; accentColor: string };

/** The province the app starts in: the one chosen on this phone when the stored choice reads well, else the build's. */
export function startingProvince(stored: string | null, built: ProvinceLook): ProvinceLook {
  let chosen: Partial<ProvinceLook> | null;
  try {
    chosen = JSON.parse(stored ?? "null") as Partial<ProvinceLook> | null;
  } catch {
    return built; // not JSON: a half-written value
  }
  const { id, name, channelName, primaryColor, accentColor } = chosen ?? {};
  if (typeof id !== "string" || !/^[a-z0-9-]{1,64}$/.test(id) || id === built.id || typeof channelName !== "string") return built;
  // The colours are checked where they are painted (setBrandVariables).
  return { id, name: typeof name === "string" ? name : null, channelName, primaryColor: String(primaryColor), accentColor: String(accentColor) };
}
