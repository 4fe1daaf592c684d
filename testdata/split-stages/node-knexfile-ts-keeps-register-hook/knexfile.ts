import type { Knex } from "knex";
const config: { [key: string]: Knex.Config } = {
  production: {
    client: "pg",
    connection: process.env.DATABASE_URL || "postgres://app:app@127.0.0.1:5432/app",
    migrations: { directory: "./migrations", extension: "ts" },
  },
};
module.exports = config;
