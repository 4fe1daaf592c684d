// Answers with a row read through the Prisma client generated at build time (creating the table on start).
const http = require("node:http");
const prisma = require("./db");
const port = Number(process.env.PORT || 3000);

async function seed() {
  await prisma.$executeRawUnsafe('CREATE TABLE IF NOT EXISTS "Note" ("id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, "text" TEXT NOT NULL)');
  if ((await prisma.note.count()) === 0) await prisma.note.create({ data: { text: "hello from prisma" } });
}

seed().then(() =>
  http
    .createServer(async (req, res) => {
      const row = await prisma.note.findFirst();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`${JSON.stringify(row)}\n`);
    })
    .listen(port, () => console.log(`listening on ${port}`)),
);
