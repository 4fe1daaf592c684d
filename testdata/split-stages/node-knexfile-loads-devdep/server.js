const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });
knex.raw('select 1').then(() => console.log('ok'));
