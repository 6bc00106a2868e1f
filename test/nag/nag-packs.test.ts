import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { acknowledgementsUnder } from '../../aspects/report/acknowledgements';
import { addNagPacks, nagPacks } from '../../lib/nag/packs';
import { buildStreamFlixApp } from '../../lib/app';

const PACKS = ['AwsSolutions', 'NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-nag-'));

// One synth of the whole app (direct-deploy stack, catalog stack, product stack) with all four packs.
const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'cdk.json'), 'utf8'));
const outdir = tempDir();
const app = buildStreamFlixApp({ outdir, context: cdkJson.context, snapshotDirectory: tempDir() });
app.synth();

describe('cdk-nag on the blueprint', () => {
  test.each(PACKS)('%s: zero unacknowledged findings, and its report is in the cloud assembly', (pack) => {
    const report = JSON.parse(fs.readFileSync(path.join(outdir, `cdk-nag-${pack}.json`), 'utf8'));
    expect(report).toMatchObject({ pack, success: true, violations: [] });
    expect(report.acknowledged.length).toBeGreaterThan(0);
    for (const ack of report.acknowledged) expect(ack.reason.length).toBeGreaterThan(40);
  });

  test('each pack, run directly on the app, reports no unacknowledged finding', () => {
    for (const pack of nagPacks(app)) {
      const result = pack.validateScope(app);
      expect({ pack: pack.readPackName, violations: result.violations }).toEqual({ pack: pack.readPackName, violations: [] });
    }
  });

  test('no cdk-nag acknowledgement sits at app or stack level', () => {
    // aws-cdk-lib itself acknowledges its CloudFormation-Validate W3010 on stacks; only the packs' ids are ours.
    const acknowledgements = acknowledgementsUnder(app).filter((a) => PACKS.some((pack) => a.id.replace(/^[^:]*::/, '').startsWith(`${pack}-`)));
    expect(acknowledgements.length).toBeGreaterThan(0);
    const byPath = new Map(app.node.findAll().map((c) => [c.node.path, c]));
    const broad = acknowledgements.filter((a) => {
      const construct = byPath.get(a.path)!;
      return Stage.isStage(construct) || Stack.isStack(construct);
    });
    expect(broad).toEqual([]);
  });

  test('the product stack is checked too: its constructs carry the content API acknowledgements', () => {
    const acknowledgements = acknowledgementsUnder(app);
    expect(acknowledgements.some((a) => a.path.startsWith('StreamFlixCatalog/ContentApiProduct/ContentApi/'))).toBe(true);
    expect(acknowledgements.some((a) => a.path.startsWith('StreamFlix/ContentApi/'))).toBe(true);
  });
});

describe('an unacknowledged finding fails synthesis', () => {
  test('a bucket without TLS enforcement or access logs stops the synth with the pack rule ids', () => {
    const bad = new App({ outdir: tempDir() });
    const stack = new Stack(bad, 'Bad', { env: { region: 'eu-west-1' } });
    new s3.Bucket(stack, 'Open');
    addNagPacks(bad);
    expect(() => bad.synth()).toThrow(/AwsSolutions-S1|AwsSolutions-S10/);
  });

  test('acknowledging exactly that finding on that bucket lets it through for that rule only', () => {
    const app2 = new App({ outdir: tempDir() });
    const stack = new Stack(app2, 'Ack', { env: { region: 'eu-west-1' } });
    const bucket = new s3.Bucket(stack, 'Open');
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'test: access logs intentionally off for this bucket' });
    const [solutions] = nagPacks(app2);
    const ids = solutions.validateScope(app2).violations.map((v) => v.ruleName);
    expect(ids).not.toContain('AwsSolutions-S1');
    expect(ids).toContain('AwsSolutions-S10');
  });
});
