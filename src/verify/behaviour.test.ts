import { expect, test } from "vitest";
import { type Behaviour, compareBehaviour } from "./behaviour.js";

const ran = (output: string, code = 0): Behaviour => ({ http: [], health: null, run: { args: [], code, output }, error: null });
const served = (body: string): Behaviour => ({
  http: [{ port: 3000, path: "/", status: 200, body }],
  health: null,
  run: null,
  error: null,
});

test("dates and clock times are not a difference: two runs of one image print different ones", () => {
  const pm2 = (t: string) => `${t}: PM2 log: Launching in no daemon mode\n${t}: PM2 log: App [server:0] starting\n`;
  expect(compareBehaviour(ran(pm2("2026-12-03T20:06:00")), ran(pm2("2026-12-03T20:07:52")))).toEqual([]);
  expect(compareBehaviour(served('{"now":"2026-12-04T07:01:02.123Z"}'), served('{"now":"2026-12-04T07:01:09.456Z"}'))).toEqual([]);
  expect(compareBehaviour(ran("started at 07:01:02\n"), ran("started at 07:01:09\n"))).toEqual([]);
});

test("Nest's log line (its process id, a 12-hour clock) and `pid=` are not a difference", () => {
  const nest = (pid: number, t: string) => `[Nest] ${pid}  - 12/4/2026, ${t}     LOG [NestFactory] Starting Nest application...\n`;
  expect(compareBehaviour(ran(nest(19, "2:05:33 PM"), 1), ran(nest(18, "2:05:41 PM"), 1))).toEqual([]);
  expect(compareBehaviour(ran("worker pid=31 up\n"), ran("worker pid=27 up\n"))).toEqual([]);
  const warning = (pid: number) => `(node:${pid}) [DEP0040] DeprecationWarning: The \`punycode\` module is deprecated.\n`;
  expect(compareBehaviour(ran(warning(19)), ran(warning(20)))).toEqual([]);
  expect(compareBehaviour(ran("[Nest] 19  - LOG listening on 3000\n"), ran("[Nest] 19  - LOG listening on 3001\n"))).toHaveLength(1);
});

test("a step's sub-second duration (Nest's `+71ms`, `in 15 ms`) is not a difference; other numbers are", () => {
  expect(
    compareBehaviour(ran("LOG [RoutesResolver] AppController {/}: +71ms\n"), ran("LOG [RoutesResolver] AppController {/}: +29ms\n")),
  ).toEqual([]);
  expect(compareBehaviour(ran("Returned 200 in 15 ms\n"), ran("Returned 200 in 7 ms\n"))).toEqual([]);
  expect(compareBehaviour(ran("loaded 15 items\n"), ran("loaded 7 items\n"))).toHaveLength(1);
});

test("any other change of the output, the body or the exit code still is", () => {
  expect(compareBehaviour(ran("2026-12-03T20:06:00 ok\n"), ran("2026-12-03T20:06:00 Error: Cannot find module 'ms'\n"))).toHaveLength(1);
  expect(compareBehaviour(ran("same", 0), ran("same", 1))).toHaveLength(1);
  expect(compareBehaviour(served("count 1"), served("count 2"))).toHaveLength(1);
});
