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

test("a trace lists when each phase starts and ends, and the marks, since the start", async () => {
  let clock = 0;
  const lines: string[] = [];
  const t = new Timings(
    () => clock,
    (line) => lines.push(line.trim()),
  );
  await t.measure("runOriginal", async () => {
    clock += 40;
    t.mark("original answers");
    clock += 10;
  });
  expect(lines).toEqual(["0 ms  runOriginal starts", "40 ms  original answers", "50 ms  runOriginal ends (50 ms)"]);
});
