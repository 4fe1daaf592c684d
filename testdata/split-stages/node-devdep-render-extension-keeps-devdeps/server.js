const express = require('express');
const app = express();
app.get('/', (req, res) => res.render('index.ejs', { name: 'docker' }));
app.listen(3000);
