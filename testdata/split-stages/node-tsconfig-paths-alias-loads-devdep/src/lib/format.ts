import isNumber from "is-number";
import ms from "ms";

export const format = (n: unknown) => (isNumber(n) ? ms(Number(n)) : "?");
