import { Client, Collection } from "discord.js";
import path from "node:path";
import fs from "node:fs";

const client = new Client({ intents: [] });
const commands = new Collection<string, { name: string }>();

const commandsPath = path.join(__dirname, "commands");
if (fs.existsSync(commandsPath)) {
  const files = fs.readdirSync(commandsPath).filter((f) => f.endsWith(".ts") || f.endsWith(".js"));
  for (const file of files) {
    const command = require(path.join(commandsPath, file)).default;
    commands.set(command.name, command);
  }
}

client.login(process.env.DISCORD_TOKEN);
