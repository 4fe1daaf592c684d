const express = require("express");
const morgan = require("morgan");
const app = express();
app.use(morgan("tiny"));
app.get("/", (req, res) => res.json({ app: "naive-install", node: process.versions.node.split(".")[0] }));
app.listen(8080, () => console.log("listening on 8080"));
