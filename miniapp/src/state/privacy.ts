/** "Dữ liệu của tôi": what the API holds about the signed-in citizen, read again when the account changes. */
import { selector } from "recoil";
import { getMyData, type MyData } from "../api/privacy";
import { accountVersionState } from "./account";
import { outcomeOf, type Outcome } from "./index";

export const myDataState = selector<Outcome<MyData>>({
  key: "myData",
  get: ({ get }) => {
    get(accountVersionState);
    return outcomeOf(getMyData);
  },
});
