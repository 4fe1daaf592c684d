import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { utcDay } from "./utc-day.js";

describe("utcDay", () => {
  test("is the day toISOString gives, for the years 0 to 9999", () => {
    const first = new Date("0000-01-01T00:00:00Z").getTime();
    const last = new Date("9999-12-31T23:59:59.999Z").getTime();
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (ms) => utcDay(ms) === new Date(ms).toISOString().slice(0, 10)),
      {
        numRuns: 5000,
      },
    );
    for (const ms of [first, last, 0, -1, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 2, 1)])
      expect(utcDay(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
  });
});
