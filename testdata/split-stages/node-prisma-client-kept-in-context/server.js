const { PrismaClient } = require("./src/generated/prisma");
new PrismaClient();
require("http").createServer((q, s) => s.end("ok")).listen(3000);
