import pkg from "../../package.json" with { type: "json" };

export const VERSION: string = pkg.version;

/** Where users report a bug in msb-opt (an internal error asks for a report there). */
export const ISSUES_URL = "https://github.com/msb-opt/msb-opt/issues";
