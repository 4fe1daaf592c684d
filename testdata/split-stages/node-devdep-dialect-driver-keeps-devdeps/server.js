const { Sequelize } = require('sequelize');
const db = new Sequelize({ dialect: 'postgres', host: process.env.DB_HOST });
db.authenticate().then(() => console.log('ready'));
