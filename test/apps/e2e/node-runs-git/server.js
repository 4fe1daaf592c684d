const http = require("node:http");
const { simpleGit } = require("simple-git");
http.createServer(async (req, res) => {
  const v = await simpleGit().version();
  res.end(JSON.stringify({ app: "runs-git", installed: v.installed, major: v.major }));
}).listen(3000);
