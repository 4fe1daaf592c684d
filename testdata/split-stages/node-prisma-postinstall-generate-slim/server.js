const { PrismaClient } = require("@prisma/client");
new PrismaClient();
require("http").createServer((q, s) => s.end("ok")).listen(3000);
