const knex = require('knex')({ client: 'postgresql', connection: process.env.DATABASE_URL });
knex.raw('select 1').then(() => console.log('ready'));
