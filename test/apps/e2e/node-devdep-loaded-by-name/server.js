// Express loads ejs for `res.render('index.ejs')` and knex loads pg for `client: 'postgresql'`: both by a name
// the code never imports, both devDependencies (red team 15 F1, F3).
const express = require("express");
const knex = require("knex")({ client: "postgresql", connection: { host: "db.invalid" } });

const app = express();
app.get("/", (req, res) => res.render("index.ejs", { driver: typeof knex.client.driver.Pool }));
app.listen(3000, () => console.log("listening on 3000"));
