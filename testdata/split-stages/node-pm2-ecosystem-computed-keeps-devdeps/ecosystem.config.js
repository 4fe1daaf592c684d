const path = require("node:path");
module.exports = {
  apps: [{ name: "web", script: path.join(__dirname, process.env.APP_ENTRY || "server.js") }],
};
