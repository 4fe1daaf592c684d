import { mkdirSync, writeFileSync } from "node:fs";
const users: string[] = ["ann", "bob"];
mkdirSync("/data", { recursive: true });
writeFileSync("/data/seed.json", JSON.stringify({ users }));
