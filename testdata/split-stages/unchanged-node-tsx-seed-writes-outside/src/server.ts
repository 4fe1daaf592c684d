import ms from "ms";
const fs = require("fs");
let s = "missing"; try { s = fs.readFileSync("/data/seed.json", "utf8"); } catch (e) {}
console.log("c02b", ms(1000), s);
