import ms from "ms";
export const label = (): string => `timeout ${ms(90000)}`;
