/**
 * Reads for what the province tells its citizens: its communes, the communes the signed-in citizen chose, one
 * alert, one news post. Not exported from ./index: only the pages that need them load this module.
 */
import { selector, selectorFamily } from "recoil";
import { type AlertMessage, type ChosenCommune, type Commune, getAlert, getCommunes, getMyCommunes } from "../api/broadcasts";
import { accountVersionState } from "./account";
import { outcomeOf, type Outcome } from "./outcome";

export const communesState = selector<Outcome<Commune[]>>({
  key: "communes",
  get: () => outcomeOf(getCommunes),
});

export const myCommunesState = selector<Outcome<ChosenCommune[]>>({
  key: "myCommunes",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(getMyCommunes);
  },
});

/**
 * An alert as it stands, read afresh on each arrival on its page (`visit`: the location's arrival number), so an
 * alert updated or cancelled since the last look never shows its old text.
 */
export type AlertKey = { alertId: string; visit: number };

export const alertState = selectorFamily<Outcome<AlertMessage>, AlertKey>({
  key: "alert",
  get:
    ({ alertId }) =>
    () =>
      outcomeOf(() => getAlert(alertId)),
});
