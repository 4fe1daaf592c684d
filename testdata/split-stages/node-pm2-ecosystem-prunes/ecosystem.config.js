module.exports = {
  apps: [
    { name: "web", script: "./server.js", instances: 2, exec_mode: "cluster" },
    { name: "worker", script: "./worker.js", cwd: __dirname },
  ],
};
