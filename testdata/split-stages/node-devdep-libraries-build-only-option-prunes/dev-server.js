// Development only: proxies the API and opens a browser.
const { createProxyMiddleware } = require('http-proxy-middleware');
const argv = require('minimist')(process.argv.slice(2));
const open = require('open');
const app = require('express')();
app.use('/api', createProxyMiddleware({ target: argv.api }));
app.listen(3000, () => open('http://localhost:3000'));
