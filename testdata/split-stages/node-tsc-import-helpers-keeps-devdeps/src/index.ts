import express from 'express';
const app = express();
app.get('/', async (req, res) => { res.send(await Promise.resolve('ok')); });
app.listen(3000);
