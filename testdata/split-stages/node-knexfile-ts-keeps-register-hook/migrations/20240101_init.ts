import type { Knex } from "knex";
export async function up(knex: Knex) { await knex.schema.createTable("t", (t) => t.increments()); }
export async function down(knex: Knex) { await knex.schema.dropTable("t"); }
