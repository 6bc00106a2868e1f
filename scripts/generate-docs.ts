/** `npm run docs`: regenerates rules/README.md, the region SCP in policies/ and SECURITY.md's control and acknowledgement tables. */
import * as fs from 'fs';
import * as path from 'path';
import { withCurrentTable } from './docs/acknowledgement-table';
import { withCurrentControls } from './docs/control-table';
import { ruleCatalogue } from './docs/rule-catalogue';
import { MANDATED_REGION } from '../rules/region';
import { REGION_SCP_FILE, regionDenyPolicyText } from '../rules/core/region-scp';

const root = path.join(__dirname, '..');
fs.writeFileSync(path.join(root, 'rules', 'README.md'), ruleCatalogue());
fs.writeFileSync(path.join(root, REGION_SCP_FILE), regionDenyPolicyText(MANDATED_REGION));
const security = path.join(root, 'SECURITY.md');
fs.writeFileSync(security, withCurrentControls(withCurrentTable(fs.readFileSync(security, 'utf8'))));
console.log(`rules/README.md, ${REGION_SCP_FILE} and SECURITY.md are up to date`);
