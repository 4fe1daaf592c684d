const { WebSocketServer } = require("ws");
new WebSocketServer({ port: 8080 }).on("connection", (s) => s.send("hi"));
