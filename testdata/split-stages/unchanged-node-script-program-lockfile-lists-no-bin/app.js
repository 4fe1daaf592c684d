const { Sequelize } = require("sequelize");

const db = new Sequelize(process.env.DATABASE_URL);
require("http")
  .createServer(async (req, res) => res.end(`${(await db.query("select 1 as ok"))[0][0].ok}\n`))
  .listen(8080);
