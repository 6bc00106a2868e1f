/**
 * One name per control: a rule's file, its export and its id agree (as cdk-nag derives a rule's
 * name from its file), so `SFX-RDS-TLS` is `rules/rds-tls.ts`, exported as `RdsTls`, judged by
 * `<Name>Aspect` when the aspect is public API (the mandated controls, e.g. `RdsAtRestAspect`).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as rules from '../../rules';
import * as aspects from '../../aspects';
import { ALL_RULES, MANDATED_RULES } from '../../rules';
import { RuleAspect } from '../../aspects/rule-aspect';

const RULES_DIR = path.join(__dirname, '..', '..', 'rules');

/** `SFX-RDS-TLS` → `rds-tls`. */
function fileNameOf(id: string): string {
  return id.replace(/^SFX-/, '').toLowerCase();
}

/** `rds-tls` → `RdsTls`. */
function exportNameOf(fileName: string): string {
  return fileName
    .split('-')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

describe.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
  const fileName = fileNameOf(id);
  const exportName = exportNameOf(fileName);

  test(`lives in rules/${fileName}.ts and is exported from it as ${exportName}`, () => {
    const file = path.join(RULES_DIR, `${fileName}.ts`);
    expect(fs.existsSync(file)).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require(file)[exportName]).toBe(rule);
  });

  test(`is exported from rules/index.ts as ${exportName}`, () => {
    expect((rules as Record<string, unknown>)[exportName]).toBe(rule);
  });
});

describe.each(MANDATED_RULES.map((rule) => [rule.id, rule] as const))('mandated %s', (id, rule) => {
  const aspectName = `${exportNameOf(fileNameOf(id))}Aspect`;
  test(`has its public aspect class ${aspectName}, which judges that rule`, () => {
    const AspectClass = (aspects as Record<string, unknown>)[aspectName] as new () => RuleAspect;
    expect(typeof AspectClass).toBe('function');
    expect(new AspectClass().rule).toBe(rule);
  });
});

test('every rule file in rules/ is a registered control (no file outside the catalogue, no id twice)', () => {
  const ruleFiles = fs
    .readdirSync(RULES_DIR)
    .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
    .map((name) => name.replace(/\.ts$/, ''))
    .sort();
  expect(ruleFiles).toEqual(ALL_RULES.map((rule) => fileNameOf(rule.id)).sort());
  expect(new Set(ALL_RULES.map((rule) => rule.id)).size).toBe(ALL_RULES.length);
});
