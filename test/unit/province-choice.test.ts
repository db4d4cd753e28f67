import { describe, expect, it } from "vitest";
import { type ProvinceLook, startingProvince } from "../../miniapp/src/domain/province-choice";
import { type ProvinceSummary, provinceChoiceValue, provinceOptions } from "../../miniapp/src/domain/province-picker";

const BUILT: ProvinceLook = { id: "thanh-hoa", name: "Tỉnh Thanh Hóa", channelName: "Dịch vụ công Thanh Hóa", primaryColor: "#a4161a", accentColor: "#e8a317" };
const summary = (id: string, shortName: string, primaryColor = "#0b5cad"): ProvinceSummary => ({
  id,
  name: `Tỉnh ${shortName}`,
  shortName,
  channelName: `Dịch vụ công ${shortName}`,
  primaryColor,
  accentColor: "#f4b400",
});
const NGHE_AN = summary("nghe-an", "Nghệ An", "#0b6e4f");

describe("the province the app starts in", () => {
  it("is the build's when nothing was chosen on the phone", () => {
    expect(startingProvince(null, BUILT)).toBe(BUILT);
  });

  it("is the one chosen on the phone, with the name and colours kept with the choice", () => {
    expect(startingProvince(provinceChoiceValue(NGHE_AN), BUILT)).toEqual({
      id: "nghe-an",
      name: "Tỉnh Nghệ An",
      channelName: "Dịch vụ công Nghệ An",
      primaryColor: "#0b6e4f",
      accentColor: "#f4b400",
    });
  });

  it("keeps the build's own look when the build's province is the one chosen", () => {
    const chosenBack = provinceChoiceValue({ ...summary("thanh-hoa", "Thanh Hóa"), primaryColor: "#000000" });
    expect(startingProvince(chosenBack, BUILT)).toBe(BUILT);
  });

  it("falls back to the build's when what is kept does not read as a choice", () => {
    for (const stored of ["", "nghe-an", "{", "null", "[]", '{"id":"nghe-an"}', '{"id":"../x","channelName":"x"}', '{"id":42,"channelName":"x"}']) {
      expect(startingProvince(stored, BUILT), stored).toBe(BUILT);
    }
  });

  it("keeps no more than the look: a choice without a name starts with none", () => {
    expect(startingProvince('{"id":"nghe-an","channelName":"Dịch vụ công Nghệ An","extra":"x"}', BUILT)).toEqual({
      id: "nghe-an",
      name: null,
      channelName: "Dịch vụ công Nghệ An",
      primaryColor: "undefined",
      accentColor: "undefined",
    });
  });
});

describe("the province picker's list", () => {
  const listed = [summary("thanh-hoa", "Thanh Hóa"), summary("ha-noi", "Hà Nội"), NGHE_AN, summary("an-giang", "An Giang")];

  it("puts the province the app serves now first, marked, then the others by name in Vietnamese order", () => {
    expect(provinceOptions(listed, "nghe-an").map((p) => [p.shortName, p.current])).toEqual([
      ["Nghệ An", true],
      ["An Giang", false],
      ["Hà Nội", false],
      ["Thanh Hóa", false],
    ]);
  });

  it("marks none when the province the app serves is not listed", () => {
    expect(provinceOptions(listed, "gone").some((p) => p.current)).toBe(false);
  });
});
