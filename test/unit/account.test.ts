import { describe, expect, it } from "vitest";
import { chooseDevUser, DEFAULT_DEV_USER, devUserFromSearch } from "../../miniapp/src/domain/dev-user";
import { notDelivered, readUpTo, safeAppPath } from "../../miniapp/src/domain/inbox";
import { messages } from "../../miniapp/src/messages";

describe("the dev user outside Zalo", () => {
  it("comes from ?devUser=, else the one kept on the phone, else the default", () => {
    expect(devUserFromSearch("?code=X&devUser=can-bo_1")).toBe("can-bo_1");
    expect(chooseDevUser("?devUser=alice", "bob")).toBe("alice");
    expect(chooseDevUser("", "bob")).toBe("bob");
    expect(chooseDevUser("", null)).toBe(DEFAULT_DEV_USER);
  });

  it("ignores ids Zalo would not issue", () => {
    expect(devUserFromSearch("?devUser=a%20b")).toBeNull();
    expect(devUserFromSearch(`?devUser=${"x".repeat(65)}`)).toBeNull();
    expect(chooseDevUser("?devUser=<script>", "ok-user")).toBe("ok-user");
    expect(chooseDevUser("", "bad user")).toBe(DEFAULT_DEV_USER);
  });
});

describe("the inbox", () => {
  const message = (id: number, readAt: string | null, status = "sent") => ({ id, readAt, delivery: { status } as never });

  it("marks read up to the newest unread message, and nothing when all are read", () => {
    expect(readUpTo([message(9, null), message(4, null), message(2, "2026-11-20T00:00:00Z")])).toBe(9);
    expect(readUpTo([message(3, "2026-11-20T00:00:00Z")])).toBeNull();
    expect(readUpTo([])).toBeNull();
  });

  it("says when a message did not reach the citizen in Zalo", () => {
    expect(notDelivered({ delivery: { status: "failed_permanent" } as never })).toBe(true);
    expect(notDelivered({ delivery: { status: "sent" } as never })).toBe(false);
    expect(notDelivered({ delivery: { status: "in_app" } as never })).toBe(true);
    expect(notDelivered({ delivery: { status: "deferred" } as never })).toBe(false);
  });

  it("keeps a message's button inside the mini app", () => {
    expect(safeAppPath("/dossier?code=000.00.06.H56-261120-0001")).toBe("/dossier?code=000.00.06.H56-261120-0001");
    expect(safeAppPath("https://evil.example/")).toBe("/");
    expect(safeAppPath("//evil.example/x")).toBe("/");
    expect(safeAppPath("javascript:alert(1)")).toBe("/");
  });
});

describe("staff wording", () => {
  it("names every role and scope in Vietnamese", () => {
    expect(Object.values(messages.staff.roles)).toEqual(["Cán bộ thụ lý", "Lãnh đạo phòng", "Quản trị tỉnh"]);
    expect(messages.staff.overdue(3)).toBe("Quá hạn 3 ngày");
  });
});
