require('dotenv').config();

module.exports = {
  port: Number(process.env.PORT || 3000),
  greeting: process.env.GREETING || 'hello (default)',
};
