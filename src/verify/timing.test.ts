// verify's timing breakdown: each phase's own duration, summed over its runs, and the wall time.
import { expect, test } from "vitest";
import { Timings } from "./timing.js";

test("phases add up their runs, also a run that throws; total is the wall time", async () => {
  let clock = 1000;
  const t = new Timings(() => clock);
  await t.measure("buildOriginal", async () => {
    clock += 1500;
  });
  await t.measure("exportOriginal", async () => {
    clock += 200;
  });
  await expect(
    t.measure("exportOriginal", async () => {
      clock += 300;
      throw new Error("engine gone");
    }),
  ).rejects.toThrow("engine gone");
  expect(t.report()).toEqual({ buildOriginal: 1500, exportOriginal: 500, total: 2000 });
});
