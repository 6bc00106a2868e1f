/**
 * Two synths of the same commit give byte-identical templates and reports; the only field
 * allowed to differ is compliance-report.json's `generatedAt` timestamp.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPORTS, filesUnder, readText, synthBlueprint } from './helpers';

/** The report with its timestamp blanked, as text, so the rest still compares byte for byte. */
function jsonWithoutTimestamp(outdir: string): string {
  const text = readText(outdir, REPORTS.json);
  const report = JSON.parse(text) as Record<string, unknown>;
  expect(typeof report.generatedAt).toBe('string');
  const blanked = text.replace(`"generatedAt": ${JSON.stringify(report.generatedAt)}`, '"generatedAt": "<ignored>"');
  expect(blanked).not.toBe(text);
  return blanked;
}

describe('two synths of the blueprint (gate and the four cdk-nag packs on)', () => {
  let first: string;
  let second: string;

  beforeAll(() => {
    first = synthBlueprint({ nag: true });
    second = synthBlueprint({ nag: true });
  });

  test('write the same files', () => {
    expect(filesUnder(second)).toEqual(filesUnder(first));
  });

  test('templates are byte-identical', () => {
    const templates = filesUnder(first).filter((file) => file.endsWith('.template.json'));
    expect(templates).toContain('StreamFlix.template.json');
    for (const file of templates) expect(readText(second, file)).toBe(readText(first, file));
  });

  test('compliance-report.sarif and .md are byte-identical', () => {
    expect(readText(second, REPORTS.sarif)).toBe(readText(first, REPORTS.sarif));
    expect(readText(second, REPORTS.markdown)).toBe(readText(first, REPORTS.markdown));
  });

  test('each cdk-nag pack report is byte-identical', () => {
    const nagReports = filesUnder(first).filter((file) => /^cdk-nag-.*\.json$/.test(file));
    expect(nagReports).toHaveLength(4);
    for (const file of nagReports) expect(readText(second, file)).toBe(readText(first, file));
  });

  test('compliance-report.json is byte-identical but for generatedAt', () => {
    expect(jsonWithoutTimestamp(second)).toBe(jsonWithoutTimestamp(first));
  });

  test('no report embeds the (temporary) output directory', () => {
    for (const outdir of [first, second]) {
      for (const file of Object.values(REPORTS)) {
        expect(fs.readFileSync(path.join(outdir, file), 'utf8')).not.toContain(outdir);
      }
    }
  });
});
