const express = require("express");
const app = express();
app.get("/", (req, res) => res.json({ app: "apt-upgrade", node: process.versions.node.split(".")[0], env: process.env.NODE_ENV ?? null }));
app.listen(3000, () => console.log("listening on 3000"));
