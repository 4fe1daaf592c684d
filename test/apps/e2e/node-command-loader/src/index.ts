// A discord-style command loader: every file of dist/commands, found by readdirSync and loaded by a computed path.
import path from "node:path";
import fs from "node:fs";

const commandsPath = path.join(__dirname, "commands");
const files = fs.readdirSync(commandsPath).filter((f) => f.endsWith(".js"));
const loaded: string[] = [];
for (const file of files) {
  const command = require(path.join(commandsPath, file)).default;
  loaded.push(command.run());
}
console.log(JSON.stringify(loaded));
