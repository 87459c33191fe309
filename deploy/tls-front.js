// A TLS front for the offline check: serves HTTPS on 127.0.0.1:443 with the test CA's certificate for the cloud
// host names the fc3 component reaches directly (Resource Manager, the OSS code bucket) and forwards every request,
// Host header and all, to the sandbox's plain HTTP port.
//   node tls-front.js CERT KEY SANDBOX_PORT
'use strict';
const fs = require('fs');
const https = require('https');
const http = require('http');
const [cert, key, port] = process.argv.slice(2);
const server = https.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) }, (req, res) => {
  const fwd = http.request({ host: '127.0.0.1', port: Number(port), method: req.method, path: req.url, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode, up.headers);
    up.pipe(res);
  });
  fwd.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
  req.pipe(fwd);
});
// Clients keep connections alive for a while between calls; closing idle ones sooner makes their next call fail.
server.keepAliveTimeout = 120000;
server.headersTimeout = 125000;
server.listen(443, '127.0.0.1', () => console.log('tls-front listening on 127.0.0.1:443'));
