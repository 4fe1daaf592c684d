import { SlashCommandBuilder } from "discord.js";

export default { name: "ping", data: new SlashCommandBuilder().setName("ping") };
