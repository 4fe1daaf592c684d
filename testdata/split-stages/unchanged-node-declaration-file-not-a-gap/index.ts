import ms from "ms";
import isNumber from "is-number";
import { Timing } from "./app-types";

const t: Timing = { label: "boot", ms: ms("1s") };
console.log(t.label, isNumber(t.ms));
