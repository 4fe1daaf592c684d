const http = require('http');
http.createServer((req, res) => {
  try { const shared = require('@ws/shared'); const ms = require('ms'); res.end(shared(5) + ' ' + ms(1000) + '\n'); }
  catch (e) { res.statusCode = 500; res.end('ERR ' + e.message.split('\n')[0] + '\n'); }
}).listen(3000);
