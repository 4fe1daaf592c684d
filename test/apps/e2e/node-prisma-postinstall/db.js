const path = require("node:path");
const { PrismaClient } = require("@prisma/client");
const { PrismaBetterSQLite3 } = require("@prisma/adapter-better-sqlite3");
const file = process.env.DB_FILE || path.join(__dirname, "prisma", "dev.db");
const adapter = new PrismaBetterSQLite3({ url: "file:" + file });
module.exports = new PrismaClient({ adapter });
