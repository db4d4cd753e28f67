/**
 * Reads for the staff area's broadcasts, each started again when `accountVersionState` moves (after writing,
 * sending, granting), like the other signed-in reads. Only the lazy staff pages import this module.
 */
import { selector } from "recoil";
import { getStaffProfile, listCommunes, listOfficers, listStaffAlerts, listStaffNews } from "../api/staff-broadcasts";
import { accountVersionState } from "./account";
import { outcomeOf } from "./outcome";

/** The linked officer with their effective rights (`permissions`): what decides which sections show. */
export const staffProfileState = selector({
  key: "staffProfile",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(getStaffProfile);
  },
});

export const staffNewsState = selector({
  key: "staffNews",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(listStaffNews);
  },
});

export const staffAlertsState = selector({
  key: "staffAlerts",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(listStaffAlerts);
  },
});

export const officersState = selector({
  key: "staffOfficers",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(listOfficers);
  },
});

/** The province's communes change rarely: read once per visit. */
export const provinceCommunesState = selector({ key: "provinceCommunes", get: () => outcomeOf(listCommunes) });
