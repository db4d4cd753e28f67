import { describe, expect, it } from "vitest";
import type { DossierView } from "../../miniapp/src/api/types";
import {
  forgetDossier,
  forgetToken,
  MAX_SAVED_DOSSIERS,
  nextTokenExpiry,
  ownerTokensFor,
  parseSavedDossiers,
  rememberDossier,
  serializeSavedDossiers,
  type SavedDossier,
} from "../../miniapp/src/domain/saved-dossiers";

const now = new Date("2026-11-23T10:00:00+07:00");
const inMinutes = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

function publicView(code: string, statusCode = 4): DossierView {
  return {
    view: "public",
    code,
    provinceId: "thanh-hoa",
    status: { code: statusCode, label: "Đang xử lý" },
    agency: {
      id: "000.00.06.H56",
      name: "Trung tâm Phục vụ hành chính công",
      shortName: null,
      address: null,
      phone: null,
      openingHours: null,
      hoursNote: null,
      latitude: null,
      longitude: null,
    },
    receivedAt: "2026-11-20T08:00:00+07:00",
    dueAt: "2026-11-27T16:30:00+07:00",
    completedAt: null,
    returnedAt: null,
    changedAt: "2026-11-20T08:00:00+07:00",
    overdue: false,
    overdueDays: 0,
    earlyDays: null,
    mustAct: false,
  };
}

const remembered = (code: string, extra: Partial<Parameters<typeof rememberDossier>[1]> = {}) => ({
  code,
  view: publicView(code),
  fetchedAt: now.toISOString(),
  ...extra,
});

describe("dossiers kept on the phone", () => {
  it("puts the dossier just opened first and keeps one entry per code", () => {
    let list = rememberDossier([], remembered("A-1"), now);
    list = rememberDossier(list, remembered("B-2"), now);
    list = rememberDossier(list, remembered("A-1", { view: publicView("A-1", 9) }), now);
    expect(list.map((s) => s.code)).toEqual(["A-1", "B-2"]);
    expect(list[0]!.view.status.code).toBe(9);
  });

  it("keeps at most a bounded number of dossiers, dropping the oldest", () => {
    let list: SavedDossier[] = [];
    for (let i = 0; i < MAX_SAVED_DOSSIERS + 5; i++) list = rememberDossier(list, remembered(`C-${i}`), now);
    expect(list).toHaveLength(MAX_SAVED_DOSSIERS);
    expect(list[0]!.code).toBe(`C-${MAX_SAVED_DOSSIERS + 4}`);
    expect(list.some((s) => s.code === "C-0")).toBe(false);
  });

  it("keeps the slip token with its dossier when it is opened again without one", () => {
    let list = rememberDossier([], remembered("A-1", { slipToken: "slip-token-1" }), now);
    list = rememberDossier(list, remembered("A-1"), now);
    expect(list[0]!.slipToken).toBe("slip-token-1");
    expect(ownerTokensFor(list[0], now)).toEqual(["slip-token-1"]);
  });

  it("uses a view token only until it expires", () => {
    const list = rememberDossier([], remembered("A-1", { viewToken: { token: "view-1", expiresAt: inMinutes(30) } }), now);
    expect(ownerTokensFor(list[0], now)).toEqual(["view-1"]);
    expect(ownerTokensFor(list[0], new Date(now.getTime() + 31 * 60_000))).toEqual([]);
  });

  it("prefers the slip's token to a view token", () => {
    const list = rememberDossier(
      [],
      remembered("A-1", { slipToken: "slip-1", viewToken: { token: "view-1", expiresAt: inMinutes(30) } }),
      now,
    );
    expect(ownerTokensFor(list[0], now)).toEqual(["slip-1", "view-1"]);
  });

  it("never writes an expired view token to storage", () => {
    const list = rememberDossier([], remembered("A-1", { viewToken: { token: "view-1", expiresAt: inMinutes(30) } }), now);
    const later = new Date(now.getTime() + 45 * 60_000);
    expect(serializeSavedDossiers(list, later)).not.toContain("view-1");
    expect(serializeSavedDossiers(list, now)).toContain("view-1");
  });

  it("drops expired view tokens when reading storage back", () => {
    const stored = serializeSavedDossiers(
      rememberDossier([], remembered("A-1", { viewToken: { token: "view-1", expiresAt: inMinutes(30) } }), now),
      now,
    );
    const [fresh] = parseSavedDossiers(stored, now);
    const [stale] = parseSavedDossiers(stored, new Date(now.getTime() + 60 * 60_000));
    expect(fresh!.viewToken?.token).toBe("view-1");
    expect(stale!.viewToken).toBeUndefined();
    expect(stale!.view.code).toBe("A-1");
  });

  it("does not keep a view token that has already expired", () => {
    const list = rememberDossier([], remembered("A-1", { viewToken: { token: "view-1", expiresAt: inMinutes(-1) } }), now);
    expect(list[0]!.viewToken).toBeUndefined();
  });

  it("knows when the next view token expires, to erase it then", () => {
    let list = rememberDossier([], remembered("A-1", { viewToken: { token: "v1", expiresAt: inMinutes(30) } }), now);
    list = rememberDossier(list, remembered("B-2", { viewToken: { token: "v2", expiresAt: inMinutes(10) } }), now);
    expect(nextTokenExpiry(list)).toBe(Date.parse(inMinutes(10)));
    expect(nextTokenExpiry(rememberDossier([], remembered("C-3"), now))).toBeNull();
  });

  it("forgets a refused token and a removed dossier", () => {
    let list = rememberDossier([], remembered("A-1", { slipToken: "slip-1" }), now);
    list = rememberDossier(list, remembered("B-2", { slipToken: "slip-2" }), now);
    list = forgetToken(list, "A-1", "slip-1");
    expect(list.find((s) => s.code === "A-1")!.slipToken).toBeUndefined();
    expect(list.find((s) => s.code === "B-2")!.slipToken).toBe("slip-2");
    expect(forgetDossier(list, "B-2").map((s) => s.code)).toEqual(["A-1"]);
  });

  it("survives whatever storage holds: nothing, garbage, another app's data, damaged entries", () => {
    expect(parseSavedDossiers(null, now)).toEqual([]);
    expect(parseSavedDossiers("{not json", now)).toEqual([]);
    expect(parseSavedDossiers('"a string"', now)).toEqual([]);
    expect(parseSavedDossiers('{"dossiers": {"a": 1}}', now)).toEqual([]);
    const good = JSON.parse(serializeSavedDossiers(rememberDossier([], remembered("A-1"), now), now));
    good.dossiers.push({ code: 7 }, null, { code: "X", view: {}, fetchedAt: "", openedAt: "" });
    expect(parseSavedDossiers(JSON.stringify(good), now).map((s) => s.code)).toEqual(["A-1"]);
  });
});
