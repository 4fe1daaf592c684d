const fs = require('fs'), path = require('path'), os = require('os');
exports.launch = () => { try { return fs.readFileSync(path.join(os.homedir(), '.cache', 'browser-dl', 'chrome'), 'utf8'); } catch (e) { return 'Could not find browser: ' + e.code; } };
