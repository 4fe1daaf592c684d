const fs = require("fs");
fs.mkdirSync("/data", { recursive: true });
fs.writeFileSync("/data/seed.json", JSON.stringify({ users: ["ann", "bob"] }));
