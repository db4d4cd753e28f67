/** The province this mini app serves and its desks (the directory), each with the last copy kept on the phone. */
import { selector } from "recoil";
import { getAgencies, getProvince } from "../api/client";
import type { Agency, Province } from "../api/types";
import { PROVINCE_ID } from "../config";
import { storage } from "../platform";
import { outcomeOf, type Outcome } from "./outcome";

const PROVINCE_KEY = `motcua:${PROVINCE_ID}:province`;

/** The province's name, colours and hotline; the last copy when offline; null when neither is available. */
export const provinceState = selector<Province | null>({
  key: "province",
  get: async () => {
    try {
      const province = await getProvince();
      void storage.setItem(PROVINCE_KEY, JSON.stringify(province));
      return province;
    } catch {
      const cached = await storage.getItem(PROVINCE_KEY);
      try {
        return cached ? (JSON.parse(cached) as Province) : null;
      } catch {
        return null;
      }
    }
  },
});

const AGENCIES_KEY = `motcua:${PROVINCE_ID}:agencies`;

export type AgencyDirectory = {
  agencies: Agency[];
  fetchedAt: string;
  /** The API did not answer: this is the copy kept on the phone from `fetchedAt`. */
  saved: boolean;
};

function readSavedAgencies(raw: string | null): AgencyDirectory | null {
  try {
    const saved = raw ? (JSON.parse(raw) as Partial<AgencyDirectory>) : null;
    return saved && Array.isArray(saved.agencies) && typeof saved.fetchedAt === "string"
      ? { agencies: saved.agencies, fetchedAt: saved.fetchedAt, saved: true }
      : null;
  } catch {
    return null;
  }
}

/** Every desk of the province; the last copy kept on the phone when the API cannot be reached. */
export const agenciesState = selector<Outcome<AgencyDirectory>>({
  key: "agencies",
  get: () =>
    outcomeOf(async () => {
      try {
        const agencies = await getAgencies();
        const fetchedAt = new Date().toISOString();
        void storage.setItem(AGENCIES_KEY, JSON.stringify({ agencies, fetchedAt }));
        return { agencies, fetchedAt, saved: false };
      } catch (error) {
        const saved = readSavedAgencies(await storage.getItem(AGENCIES_KEY));
        if (saved) return saved;
        throw error;
      }
    }),
});
