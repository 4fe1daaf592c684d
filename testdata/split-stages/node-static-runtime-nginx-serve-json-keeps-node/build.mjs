// A static-site build with no dependencies: renders the pages into dist/, as a front-end build would.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";

mkdirSync("dist", { recursive: true });
for (const page of readdirSync("pages")) {
  const body = readFileSync(`pages/${page}`, "utf8").trim();
  writeFileSync(`dist/${page.replace(/\.txt$/, ".html")}`, `<!doctype html><html><body><p>${body}</p></body></html>\n`);
}
