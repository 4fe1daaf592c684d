const fs = require('fs'), path = require('path'), os = require('os');
const dir = path.join(os.homedir(), '.cache', 'browser-dl'); fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'chrome'), 'fake-binary');
