/**
 * Reads of the figures, one per query (period, level, grouping), kept while the app is open so that going back up
 * the drill-down shows at once what was read on the way down. The staff's start again when `accountVersionState`
 * moves, like the other signed-in reads. Only the lazy figures pages import this module.
 */
import { selectorFamily } from "recoil";
import { type FiguresQuery, getPublicFigures, getStaffFigures } from "../api/figures";
import { accountVersionState } from "./account";
import { outcomeOf } from "./outcome";

export const staffFiguresState = selectorFamily({
  key: "staffFigures",
  get:
    (query: FiguresQuery) =>
    ({ get }) => {
      get(accountVersionState);
      return outcomeOf(() => getStaffFigures(query));
    },
});

export const publicFiguresState = selectorFamily({
  key: "publicFigures",
  get: (query: { groupBy: "agency" | "month"; from: string; to: string }) => () => outcomeOf(() => getPublicFigures(query)),
});
