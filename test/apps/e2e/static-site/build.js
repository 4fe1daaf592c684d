// Renders pages/*.txt into dist/*.html.
const fs = require("node:fs");
const he = require("he");
fs.mkdirSync("dist", { recursive: true });
for (const file of fs.readdirSync("pages")) {
  const text = fs.readFileSync(`pages/${file}`, "utf8");
  const name = file.replace(/\.txt$/, "");
  fs.writeFileSync(`dist/${name}.html`, `<!doctype html><title>${name}</title><p>${he.encode(text.trim())}</p>\n`);
}
