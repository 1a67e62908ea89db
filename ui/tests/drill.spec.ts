import { describe, expect, it } from "vitest";
import { drillLocation, drillQuery } from "../src/api/drill";

describe("drill", () => {
  it("reads the dashboard's filters from a list's query", () => {
    const q = drillQuery({ year: "2019", township: "t1", conclusion: "pass" });
    expect(q.filter).toEqual({ year: 2019, programmeId: null, townshipId: "t1" });
    expect(q.conclusion).toBe("pass");
    expect(q.active).toBe(true);
  });

  it("a programme alone is the list's own filter, not a drill", () => {
    const q = drillQuery({ programme: "p1" });
    expect(q.filter.programmeId).toBe("p1");
    expect(q.active).toBe(false);
    expect(drillQuery({ year: "abc" }).filter.year).toBeNull();
  });

  it("a figure's drill becomes a router location", () => {
    expect(drillLocation({ route: "inspections", query: { year: "2019", conclusion: "pass" } })).toEqual({
      name: "inspections",
      query: { year: "2019", conclusion: "pass" },
    });
  });
});
