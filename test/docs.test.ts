import * as fs from 'fs';
import * as path from 'path';
import { withCurrentTable } from '../scripts/docs/acknowledgement-table';
import { CATALOG_NAG_ACKNOWLEDGEMENTS } from '../lib/catalog/nag-acknowledgements';
import { NAG_ACKNOWLEDGEMENTS } from '../lib/content-api/nag-acknowledgements';

const read = (file: string) => fs.readFileSync(path.join(__dirname, '..', file), 'utf8');

describe('generated documentation is current (run `npm run docs` to refresh)', () => {
  test('SECURITY.md lists every cdk-nag acknowledgement with its reason', () => {
    const security = read('SECURITY.md');
    expect(security).toBe(withCurrentTable(security));
    for (const ack of [...NAG_ACKNOWLEDGEMENTS, ...CATALOG_NAG_ACKNOWLEDGEMENTS]) {
      for (const id of ack.ids) expect(security).toContain(id);
      expect(security).toContain(ack.reason);
    }
  });
});
