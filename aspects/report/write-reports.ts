/** Writes the gate's evidence into the cloud assembly directory of the synthesis root. */
import * as fs from 'fs';
import * as path from 'path';
import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { GateResult } from '../compliance-gate';
import { acknowledgementsUnder } from './acknowledgements';
import { jsonReport } from './json-report';
import { markdownReport } from './markdown-report';
import { sarifReport } from './sarif-report';
import { toolVersions } from './tool-versions';

export const REPORT_FILES = {
  json: 'compliance-report.json',
  sarif: 'compliance-report.sarif',
  markdown: 'compliance-report.md',
} as const;

export function writeComplianceReports(root: IConstruct, result: GateResult): void {
  const outdir = Stage.isStage(root) ? root.outdir : undefined;
  if (!outdir) return;
  fs.mkdirSync(outdir, { recursive: true });
  const acknowledgements = acknowledgementsUnder(root);
  const versions = toolVersions();
  const write = (file: string, content: string) => fs.writeFileSync(path.join(outdir, file), content);
  write(REPORT_FILES.json, `${JSON.stringify(jsonReport(result, acknowledgements, versions), undefined, 2)}\n`);
  write(REPORT_FILES.sarif, `${JSON.stringify(sarifReport(result, versions), undefined, 2)}\n`);
  write(REPORT_FILES.markdown, markdownReport(result, acknowledgements));
}
