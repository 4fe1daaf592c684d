const express = require('express');
const app = express();

app.use('/css', express.static(__dirname + '/node_modules/bootstrap/dist/css'));
app.use('/js', express.static(__dirname + '/node_modules/bootstrap/dist/js'));
app.get('/', (req, res) => res.send('<link rel="stylesheet" href="/css/bootstrap.min.css"><h1>Dashboard</h1>'));

app.listen(3000, () => console.log('listening on 3000'));
