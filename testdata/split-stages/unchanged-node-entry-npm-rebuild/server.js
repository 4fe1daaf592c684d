const bcrypt = require('bcrypt');
console.log('hash ok:', bcrypt.compareSync('pw', bcrypt.hashSync('pw', 4)));
