/**
 * The generated catalogue (rules/README.md) and SECURITY.md's control table are the rules' metadata
 * as committed: pure string building, so this runs in milliseconds and is one of the fast tests
 * Stryker runs (a changed title, rationale, remediation, framework or run-time mapping is noticed).
 * Run `npm run docs` to refresh. The cdk-nag acknowledgement table needs CDK: test/docs.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { withCurrentControls } from '../../scripts/docs/control-table';
import { ruleCatalogue } from '../../scripts/docs/rule-catalogue';
import { ALL_RULES } from '../../rules';

const read = (file: string) => fs.readFileSync(path.join(__dirname, '..', '..', file), 'utf8');

describe('generated documentation is current (run `npm run docs` to refresh)', () => {
  test("rules/README.md matches the rules' metadata", () => {
    expect(read('rules/README.md')).toBe(ruleCatalogue());
  });

  test("rules/README.md gives every rule's run-time counterparts (or says there are none, and why)", () => {
    const catalogue = read('rules/README.md');
    for (const rule of ALL_RULES) {
      const section = catalogue.slice(catalogue.indexOf(`## ${rule.id}\n`), catalogue.indexOf('\n## ', catalogue.indexOf(`## ${rule.id}\n`) + 1));
      expect(section).toContain('*After deployment:*');
      for (const { rule: managed } of rule.runtime?.configRules ?? []) expect(section).toContain(`\`${managed.identifier}\``);
      expect(section).toContain(rule.runtime!.limits);
    }
  });

  test('the catalogue names every rule id', () => {
    const catalogue = read('rules/README.md');
    for (const rule of ALL_RULES) expect(catalogue).toContain(`## ${rule.id}`);
  });

  test('SECURITY.md has a row in the control table for every rule', () => {
    const security = read('SECURITY.md');
    expect(security).toBe(withCurrentControls(security));
    for (const rule of ALL_RULES) expect(security).toMatch(new RegExp(`^\\| \`${rule.id}\``, 'm'));
  });
});
