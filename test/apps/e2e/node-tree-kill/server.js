const { spawn } = require("node:child_process");
const http = require("node:http");
const kill = require("tree-kill");

// Each request starts a child with a grandchild and stops both through tree-kill (which runs `ps`).
http
  .createServer((req, res) => {
    const child = spawn("sh", ["-c", "sleep 30 & wait"]);
    setTimeout(() => kill(child.pid, "SIGTERM", (err) => res.end(JSON.stringify({ killed: !err, error: err ? String(err.code ?? err.message) : null }))), 100);
  })
  .listen(3000);
