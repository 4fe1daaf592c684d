// Writes the RSS feed into public/ at build time (a common Next.js blog pattern).
const fs = require("fs");
const path = require("path");
module.exports = function generateRss(posts) {
  const items = posts.map((p) => `<item><title>${p}</title></item>`).join("");
  fs.writeFileSync(path.join(process.cwd(), "public", "rss.xml"), `<rss><channel>${items}</channel></rss>`);
};
