const name = process.env.PLUGIN;
const plugin = require(`./plugins/${name}`);
require("koa");
