import { describe, expect, it } from "vitest";
import type { DossierView, OwnerDossier } from "../../miniapp/src/api/types";
import {
  applyRetention,
  forgetAllDossiers,
  forgetDossier,
  forgetToken,
  markFollowed,
  MAX_SAVED_DOSSIERS,
  nextRetentionChange,
  nextTokenExpiry,
  OWNER_DETAILS_DAYS,
  ownerTokensFor,
  parseSavedDossiers,
  publicPart,
  rememberDossier,
  serializeSavedDossiers,
  syncFollowed,
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
    personalDataRemovedAt: null,
    personalDataNotice: null,
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
    const list = rememberDossier([], remembered("A-1", { slipToken: "slip-1", viewToken: { token: "view-1", expiresAt: inMinutes(30) } }), now);
    expect(ownerTokensFor(list[0], now)).toEqual(["slip-1", "view-1"]);
  });

  it("never writes an expired view token to storage", () => {
    const list = rememberDossier([], remembered("A-1", { viewToken: { token: "view-1", expiresAt: inMinutes(30) } }), now);
    const later = new Date(now.getTime() + 45 * 60_000);
    expect(serializeSavedDossiers(list, later)).not.toContain("view-1");
    expect(serializeSavedDossiers(list, now)).toContain("view-1");
  });

  it("drops expired view tokens when reading storage back", () => {
    const stored = serializeSavedDossiers(rememberDossier([], remembered("A-1", { viewToken: { token: "view-1", expiresAt: inMinutes(30) } }), now), now);
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

function ownerView(code: string): OwnerDossier {
  return {
    ...(publicView(code) as Extract<DossierView, { view: "public" }>),
    view: "owner",
    procedure: { code: "1.000894", name: "Đăng ký kết hôn", shortName: null, legalDays: 5 },
    applicant: { name: "Nguyễn Văn Ánh" },
    statusNote: "Chờ xác minh tại UBND xã",
    department: { id: "tp", name: "Phòng Tư pháp" },
    officer: { id: "cb-1", name: "Lê Thị Thu", title: "Chuyên viên" },
    missingDocuments: null,
    fee: null,
    competentAgency: null,
    timeline: [{ type: "dossier.received", at: "2026-11-20T08:00:00+07:00", officerName: "Lê Thị Thu" }],
  };
}

const daysLater = (days: number) => new Date(now.getTime() + days * 24 * 60 * 60_000);
/** What anyone could read from the phone's storage. */
const stored = (list: SavedDossier[], at: Date) => serializeSavedDossiers(list, at);

describe("owner details kept on a shared phone", () => {
  const opened = () => rememberDossier([], remembered("A-1", { view: ownerView("A-1"), slipToken: "slip-secret-1" }), now);

  it("are kept 29 days after the dossier was last opened here", () => {
    const at = daysLater(29);
    const [kept] = parseSavedDossiers(stored(opened(), at), at);
    expect(kept!.view.view).toBe("owner");
    expect(kept!.slipToken).toBe("slip-secret-1");
    expect(ownerTokensFor(kept, at)).toEqual(["slip-secret-1"]);
  });

  it("are gone 31 days after, slip token included, leaving the dossier's public status", () => {
    const at = daysLater(31);
    const text = stored(opened(), at);
    for (const secret of ["slip-secret-1", "Nguyễn Văn Ánh", "Lê Thị Thu", "Đăng ký kết hôn", "Chờ xác minh", "timeline", "applicant"]) {
      expect(text).not.toContain(secret);
    }
    const [left] = parseSavedDossiers(text, at);
    expect(left!.view).toEqual(publicView("A-1"));
    expect(left!.slipToken).toBeUndefined();
    expect(ownerTokensFor(left, at)).toEqual([]);
  });

  it("expire on reading storage too, whatever an older version wrote there", () => {
    // Written 31 days ago by a version without the rule: the owner view and the slip token are in storage.
    const old = JSON.stringify({ version: 1, dossiers: opened() });
    expect(old).toContain("slip-secret-1");
    const [left] = parseSavedDossiers(old, daysLater(31));
    expect(left!.view.view).toBe("public");
    expect(left!.slipToken).toBeUndefined();
    expect(JSON.stringify(left)).not.toContain("Nguyễn Văn Ánh");
  });

  it("count from the last look: opening the dossier again starts the 30 days again", () => {
    const again = rememberDossier(opened(), remembered("A-1", { view: ownerView("A-1") }), daysLater(20));
    const [kept] = parseSavedDossiers(stored(again, daysLater(45)), daysLater(45));
    expect(kept!.view.view).toBe("owner");
    expect(kept!.slipToken).toBe("slip-secret-1");
    const [left] = parseSavedDossiers(stored(again, daysLater(51)), daysLater(51));
    expect(left!.slipToken).toBeUndefined();
  });

  it("stay while the signed-in citizen follows the dossier, and expire once they stop", () => {
    const followed = markFollowed(opened(), "A-1", true);
    const [kept] = parseSavedDossiers(stored(followed, daysLater(90)), daysLater(90));
    expect(kept!.view.view).toBe("owner");
    expect(kept!.slipToken).toBe("slip-secret-1");
    // Opening it again keeps knowing it is followed.
    expect(rememberDossier(followed, remembered("A-1"), daysLater(1))[0]!.followed).toBe(true);

    const stopped = markFollowed([kept!], "A-1", false);
    expect(applyRetention(stopped, daysLater(90))[0]!.view.view).toBe("public");
  });

  it("follow what the API says is followed: a dossier no longer in the list loses its details", () => {
    let list = rememberDossier([], remembered("A-1", { view: ownerView("A-1"), slipToken: "slip-a" }), now);
    list = rememberDossier(list, remembered("B-2", { view: ownerView("B-2"), slipToken: "slip-b" }), now);
    list = syncFollowed(list, ["A-1", "B-2"]);
    list = syncFollowed(list, ["B-2", "Z-9"]);
    const later = applyRetention(list, daysLater(31));
    expect(later.map((s) => [s.code, s.view.view, s.slipToken ?? null])).toEqual([
      ["B-2", "owner", "slip-b"],
      ["A-1", "public", null],
    ]);
  });

  it("keep only the public fields, and only those an older copy had", () => {
    const { changedAt: _missing, ...olderOwnerView } = ownerView("A-1");
    const part = publicPart(olderOwnerView as OwnerDossier);
    const { changedAt: _also, ...olderPublicView } = publicView("A-1") as Extract<DossierView, { view: "public" }>;
    expect(part).toEqual(olderPublicView);
    expect("changedAt" in part).toBe(false);
  });

  it("say when they next expire, so an open app erases them on time", () => {
    const list = opened();
    expect(nextRetentionChange(list)).toBe(now.getTime() + OWNER_DETAILS_DAYS * 24 * 60 * 60_000);
    expect(nextRetentionChange(markFollowed(list, "A-1", true))).toBeNull();
    expect(nextRetentionChange(rememberDossier([], remembered("P-1"), now))).toBeNull();
  });

  it("all go when the phone forgets its dossiers: nothing of any dossier is left to read", () => {
    let list = rememberDossier([], remembered("A-1", { view: ownerView("A-1"), slipToken: "slip-a" }), now);
    list = rememberDossier(list, remembered("B-2", { viewToken: { token: "view-b", expiresAt: inMinutes(30) } }), now);
    list = markFollowed(list, "A-1", true);
    const forgotten = forgetAllDossiers();
    expect(forgotten).toEqual([]);
    const text = stored(forgotten, now);
    for (const trace of ["A-1", "B-2", "slip-a", "view-b", "Nguyễn Văn Ánh"]) expect(text).not.toContain(trace);
    expect(parseSavedDossiers(text, now)).toEqual([]);
  });
});
