const express = require("express");
const path = require("path");
const app = express();
app.use(express.static(path.join(__dirname, "..", "public")));
app.get("/health", (q, s) => s.send("ok"));
app.listen(3000, () => console.log("c21 listening"));
