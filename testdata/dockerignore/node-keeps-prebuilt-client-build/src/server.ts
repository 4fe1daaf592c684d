import * as fs from 'fs';
import * as path from 'path';
// The React client is built by CI (`npm --prefix client run build` → build/) before `docker build`.
const index = path.join(__dirname, '..', 'build', 'index.html');
console.log(fs.existsSync(index) ? fs.readFileSync(index, 'utf8').trim() : 'client build missing');
