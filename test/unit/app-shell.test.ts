import { describe, expect, it } from "vitest";
import { inkOn } from "../../miniapp/src/domain/colors";
import { detectBasename, readLocation, toAppPath } from "../../miniapp/src/navigation/location";
import { isInsideZalo } from "../../miniapp/src/platform/environment";

describe("addresses inside the app", () => {
  it("finds Zalo's /zapps/<app id> prefix, and none in a browser", () => {
    expect(detectBasename("/zapps/3423478865165961046/dossier")).toBe("/zapps/3423478865165961046");
    expect(detectBasename("/zapps/3423478865165961046")).toBe("/zapps/3423478865165961046");
    expect(detectBasename("/dossier")).toBe("");
    expect(detectBasename("/")).toBe("");
  });

  it("maps a deep link to the in-app page under either prefix", () => {
    expect(toAppPath("/zapps/342/dossier", "/zapps/342")).toBe("/dossier");
    expect(toAppPath("/dossier", "")).toBe("/dossier");
    expect(toAppPath("/zapps/342/", "/zapps/342")).toBe("/");
    expect(toAppPath("/zapps/342", "/zapps/342")).toBe("/");
    expect(toAppPath("/index.html", "")).toBe("/");
    expect(toAppPath("/procedures/", "")).toBe("/procedures");
  });

  it("keeps the query and the position in history", () => {
    expect(readLocation({ pathname: "/zapps/342/dossier", search: "?code=A&t=B" }, "/zapps/342", { index: 2 }, 7)).toEqual({
      path: "/dossier",
      search: "?code=A&t=B",
      index: 2,
      key: 7,
    });
    expect(readLocation({ pathname: "/", search: "" }, "", null).index).toBe(0);
  });
});

describe("where the app runs", () => {
  it("is inside Zalo on h5.zdn.vn under /zapps", () => {
    expect(isInsideZalo({ hostname: "h5.zdn.vn", pathname: "/zapps/342/dossier", search: "" })).toBe(true);
    expect(isInsideZalo({ hostname: "h5.zdn.vn", pathname: "/", search: "?env=TESTING_LOCAL" })).toBe(true);
  });

  it("is in a browser anywhere else, localhost included", () => {
    expect(isInsideZalo({ hostname: "localhost", pathname: "/zapps/342/dossier", search: "" })).toBe(false);
    expect(isInsideZalo({ hostname: "127.0.0.1", pathname: "/", search: "" })).toBe(false);
    expect(isInsideZalo({ hostname: "h5.zdn.vn", pathname: "/other", search: "" })).toBe(false);
  });
});

describe("brand colours", () => {
  it("writes white on a dark province colour and near-black on a light one", () => {
    expect(inkOn("#b3261e")).toBe("#ffffff");
    expect(inkOn("#0b5cad")).toBe("#ffffff");
    expect(inkOn("#f4b400")).toBe("#141415");
    expect(inkOn("#ffffff")).toBe("#141415");
    expect(inkOn("not a colour")).toBe("#ffffff");
  });
});
