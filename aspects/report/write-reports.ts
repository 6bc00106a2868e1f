/** Writes the gate's evidence into the cloud assembly directory of the synthesis root. */
import * as fs from 'fs';
import * as path from 'path';
import { Stack, Stage } from 'aws-cdk-lib';
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
  const templateUris = templateUrisOf(root, outdir, result);
  const templateUri = (stackPath: string, file: string) => templateUris.get(stackPath) ?? file;
  write(REPORT_FILES.sarif, `${JSON.stringify(sarifReport(result, versions, templateUri), undefined, 2)}\n`);
  write(REPORT_FILES.markdown, markdownReport(result, acknowledgements));
}

/** Each evaluated stack's template path relative to `outdir` (a Stage's stacks sit in its nested assembly), `/`-separated. */
function templateUrisOf(root: IConstruct, outdir: string, result: GateResult): Map<string, string> {
  const uris = new Map<string, string>();
  for (const construct of root.node.findAll()) {
    if (!Stack.isStack(construct)) continue;
    const template = result.templates.get(construct.node.path);
    const assemblyDir = Stage.of(construct)?.outdir;
    if (!template || !assemblyDir) continue;
    uris.set(construct.node.path, path.relative(outdir, path.join(assemblyDir, template.file)).split(path.sep).join('/'));
  }
  return uris;
}
