/** The procedure guide: searching the province's procedures and reading one. */
import { selectorFamily } from "recoil";
import { getProcedure, searchProcedures } from "../api/client";
import type { Procedure, ProcedureSummary } from "../api/types";
import { outcomeOf, type Outcome } from "./outcome";

/** Diacritics are optional: the API folds them ("dang ky ket hon" finds "Đăng ký kết hôn"). */
export const procedureSearchState = selectorFamily<Outcome<ProcedureSummary[]>, string>({
  key: "procedureSearch",
  get: (query) => () => outcomeOf(() => searchProcedures(query)),
  cachePolicy_UNSTABLE: { eviction: "lru", maxSize: 20 },
});

export const procedureState = selectorFamily<Outcome<Procedure>, string>({
  key: "procedure",
  get: (code) => () => outcomeOf(() => getProcedure(code)),
  cachePolicy_UNSTABLE: { eviction: "lru", maxSize: 20 },
});
