/**
 * Reads for an officer's "Việc của tôi", started again when `accountVersionState` moves, like the other signed-in
 * reads. Only the lazy staff pages import this module.
 */
import { selector, selectorFamily } from "recoil";
import { getStaffNotice, listStaffNotices, type StaffNotice } from "../api/staff-notices";
import { accountVersionState } from "./account";
import { outcomeOf, type Outcome } from "./outcome";

export const staffNoticesState = selector<Outcome<StaffNotice[]>>({
  key: "staffNotices",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(listStaffNotices);
  },
});

export const staffNoticeState = selectorFamily<Outcome<StaffNotice>, string>({
  key: "staffNotice",
  get:
    (noticeId) =>
    ({ get }) => {
      get(accountVersionState);
      return outcomeOf(() => getStaffNotice(noticeId));
    },
});
