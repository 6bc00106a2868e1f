/** `npm run docs`: regenerates rules/README.md and the acknowledgement table in SECURITY.md. */
import * as fs from 'fs';
import * as path from 'path';
import { withCurrentTable } from './docs/acknowledgement-table';
import { ruleCatalogue } from './docs/rule-catalogue';

const root = path.join(__dirname, '..');
fs.writeFileSync(path.join(root, 'rules', 'README.md'), ruleCatalogue());
const security = path.join(root, 'SECURITY.md');
fs.writeFileSync(security, withCurrentTable(fs.readFileSync(security, 'utf8')));
console.log('rules/README.md and SECURITY.md are up to date');
