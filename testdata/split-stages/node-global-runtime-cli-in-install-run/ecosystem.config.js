module.exports = { apps: [{ name: "app", script: "index.js" }] };
