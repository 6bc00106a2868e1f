/** Writes the gate's evidence into the cloud assembly directory of the synthesis root. */
import * as fs from 'fs';
import * as path from 'path';
import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { GateResult } from '../compliance-gate';
import { acknowledgementsUnder } from './acknowledgements';
import { CheckOutcome } from './checks';
import { jsonReport } from './json-report';
import { markdownReport } from './markdown-report';
import { sarifReport } from './sarif-report';
import { SourceLocator, sourceLocatorFor } from './source-location';
import { toolVersions } from './tool-versions';

export const REPORT_FILES = {
  json: 'compliance-report.json',
  sarif: 'compliance-report.sarif',
  markdown: 'compliance-report.md',
} as const;

interface Written {
  readonly outdir: string;
  readonly result: GateResult;
  readonly templateUri: (stackPath: string, file: string) => string;
  readonly sourceOf: SourceLocator;
}

/** What each root last wrote, so that a check failing after the gate can rewrite the reports as FAIL. */
const written = new WeakMap<IConstruct, Written>();

export function writeComplianceReports(root: IConstruct, result: GateResult): void {
  const outdir = Stage.isStage(root) ? root.outdir : undefined;
  if (!outdir) return;
  const templateUris = templateUrisOf(root, outdir, result);
  const templateUri = (stackPath: string, file: string) => templateUris.get(stackPath) ?? file;
  const entry: Written = { outdir, result, templateUri, sourceOf: sourceLocatorFor(root) };
  written.set(root, entry);
  writeReports(root, entry, []);
}

/**
 * Rewrites the reports `root` wrote during validation with the outcome of the checks that ran
 * after it (validation plugins), or of whatever else stopped synthesis. Returns false when the
 * gate never wrote reports for `root` (it was not gated, or failed before).
 */
export function rewriteComplianceReports(root: IConstruct, checks: readonly CheckOutcome[]): boolean {
  const entry = written.get(root);
  if (!entry) return false;
  writeReports(root, entry, checks);
  return true;
}

function writeReports(root: IConstruct, { outdir, result, templateUri, sourceOf }: Written, checks: readonly CheckOutcome[]): void {
  fs.mkdirSync(outdir, { recursive: true });
  const acknowledgements = acknowledgementsUnder(root);
  const versions = toolVersions();
  // The SARIF's template locations only for templates that are in the assembly.
  const templateExists = (uri: string) => fs.existsSync(path.join(outdir, ...uri.split('/')));
  const write = (file: string, content: string) => fs.writeFileSync(path.join(outdir, file), content);
  write(REPORT_FILES.json, `${JSON.stringify(jsonReport(result, acknowledgements, versions, checks), undefined, 2)}\n`);
  write(REPORT_FILES.sarif, `${JSON.stringify(sarifReport(result, versions, templateUri, { checks, sourceOf, templateExists }), undefined, 2)}\n`);
  write(REPORT_FILES.markdown, markdownReport(result, acknowledgements, checks));
}

/** Each evaluated stack's template path relative to `outdir` (a Stage's stacks sit in its nested assembly), `/`-separated. */
function templateUrisOf(root: IConstruct, outdir: string, result: GateResult): Map<string, string> {
  const byPath = new Map(root.node.findAll().map((c) => [c.node.path, c]));
  const uris = new Map<string, string>();
  for (const [stackPath, { file }] of result.templates) {
    const stack = byPath.get(stackPath);
    // A stack under the root, which is a Stage: it has an assembly.
    if (stack)
      uris.set(
        stackPath,
        path
          .relative(outdir, path.join(Stage.of(stack)!.outdir, file))
          .split(path.sep)
          .join('/'),
      );
  }
  return uris;
}
