require("http").get("http://localhost:3000", (r) => process.exit(r.statusCode === 200 ? 0 : 1));
