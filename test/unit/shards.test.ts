import { describe, expect, it } from "vitest";
import {
  agencyOfCode,
  bindingFor,
  buildDirectory,
  migrationState,
  provinceOfCode,
  provinceOfCompact,
  SHARD_BINDING_PATTERN,
} from "../../worker/src/domain/shards";

const directory = buildDirectory([
  { provinceId: "thanh-hoa", agencyGroup: "", binding: "DB_THANH_HOA", unitCode: "H56" },
  // A large province split by agency group: commune centres of one group in their own database.
  { provinceId: "thanh-hoa", agencyGroup: "000.31.", binding: "DB_THANH_HOA_2", unitCode: "H56" },
  { provinceId: "thanh-hoa", agencyGroup: "000.31.05.", binding: "DB_THANH_HOA_3", unitCode: "H56" },
  { provinceId: "nghe-an", agencyGroup: "", binding: "DB_NGHE_AN", unitCode: "H40" },
  { provinceId: "small", agencyGroup: "", binding: "DB", unitCode: null },
]);

describe("the shard map", () => {
  it("finds a province from the unit code in a dossier code, without the database", () => {
    expect(provinceOfCode(directory, "000.00.06.H56-261120-0001")).toBe("thanh-hoa");
    expect(provinceOfCode(directory, "000.00.06.H40-261120-0001")).toBe("nghe-an");
    expect(provinceOfCode(directory, "000.00.06.H99-261120-0001")).toBeNull();
    expect(provinceOfCode(directory, "STP-261120-0001")).toBeNull();
    expect(agencyOfCode("000.00.06.H56-261120-0001")).toBe("000.00.06.H56");
  });

  it("finds the province of a code typed without separators from the one known unit code it holds", () => {
    expect(provinceOfCompact(directory, "000002412H562611270392")).toBe("thanh-hoa");
    expect(provinceOfCompact(directory, "000002412h402611270392")).toBe("nghe-an");
    // An O is a zero typed as a letter, never a unit.
    expect(provinceOfCompact(directory, "OOOOO6O56261127O392")).toBeNull();
    expect(provinceOfCompact(directory, "000000006H992611270392")).toBeNull();
    // Two provinces' units in one code: it is not for the code to say which.
    expect(provinceOfCompact(directory, "H40000006H562611270392")).toBeNull();
  });

  it("sends an agency's dossiers to its group's database, the longest group first, and the rest home", () => {
    expect(bindingFor(directory, "thanh-hoa")).toBe("DB_THANH_HOA");
    expect(bindingFor(directory, "thanh-hoa", "000.00.06.H56")).toBe("DB_THANH_HOA");
    expect(bindingFor(directory, "thanh-hoa", "000.31.12.H56")).toBe("DB_THANH_HOA_2");
    expect(bindingFor(directory, "thanh-hoa", "000.31.05.H56")).toBe("DB_THANH_HOA_3");
    expect(bindingFor(directory, "small")).toBe("DB");
    expect(bindingFor(directory, "unknown")).toBeNull();
  });

  it("accepts only D1 binding names", () => {
    for (const ok of ["DB", "DB_THANH_HOA", "DB_H56_2"]) expect(SHARD_BINDING_PATTERN.test(ok)).toBe(true);
    for (const bad of ["MEDIA", "db_x", "DB_", "DB-X", "NOTIFY_QUEUE", "DBX"]) expect(SHARD_BINDING_PATTERN.test(bad)).toBe(false);
  });

  it("names the migrations a database lacks", () => {
    const expected = ["0000_init", "0001_notifications", "0014_shards"];
    expect(migrationState(["0000_init.sql", "0001_notifications.sql", "0014_shards.sql"], expected)).toEqual({ ok: true });
    expect(migrationState(["0000_init.sql", "0001_notifications.sql"], expected)).toEqual({ ok: false, missing: ["0014_shards"] });
    expect(migrationState([], expected)).toEqual({ ok: false, missing: expected });
  });
});
