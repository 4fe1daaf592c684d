import ms from "ms";
export const label = (): string => `timeout ${String(ms(90000))}`;
