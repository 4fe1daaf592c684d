module.exports = {
  apps: [
    { name: "web", script: "./server.js" },
    { name: "worker", script: "./worker.js", autorestart: false },
  ],
};
