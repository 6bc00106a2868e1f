/**
 * What a failed synthesis may leave in its output directory: reports, never a build.
 *
 * `clearCloudAssembly` runs when the SFX gate fails: nothing after it runs, so every assembly file
 * goes, stale cdk-nag reports included (an old one could read "success"). `clearDeployableOutput`
 * runs when a later check fails (cdk-nag, CloudFormation Validate): the reports those checks wrote
 * in this synth stay, the templates, manifests and assets go.
 */
import * as fs from 'fs';
import * as path from 'path';

/** What CDK writes to deploy from: manifests, the tree, templates, asset manifests and stack metadata. */
const DEPLOYABLE_FILE = /^(manifest\.json|tree\.json|cdk\.out|.*\.template\.json|.*\.assets\.json|.*\.metadata\.json)$/;
/** Reports of checks that never run after the gate fails (cdk-nag, CDK's validation plugins), so an old one could read "success". */
const EARLIER_CHECK_REPORT = /^(validation-report\.json|cdk-nag-.*\.json)$/;

export function clearCloudAssembly(outdir: string | undefined): void {
  if (!outdir || !fs.existsSync(outdir)) return;
  for (const entry of fs.readdirSync(outdir, { withFileTypes: true })) {
    // The compliance reports match neither test: they stay.
    const full = path.join(outdir, entry.name);
    if (entry.name.startsWith('assembly-') || entry.name.startsWith('asset.')) fs.rmSync(full, { recursive: true });
    else if (entry.isFile() && (DEPLOYABLE_FILE.test(entry.name) || EARLIER_CHECK_REPORT.test(entry.name))) fs.rmSync(full);
  }
}

/**
 * Removes every template, manifest, asset and tree of the assembly (nested Stage assemblies too),
 * keeping the compliance reports and the reports of the checks that ran (none of them is a deployable
 * file: a template stays a template whatever its name starts with). Returns the removed paths
 * relative to `outdir`.
 */
export function clearDeployableOutput(outdir: string | undefined): string[] {
  if (!outdir || !fs.existsSync(outdir)) return [];
  const removed: string[] = [];
  const sweep = (dir: string, relative: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const shown = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && entry.name.startsWith('assembly-')) {
        sweep(full, shown);
      } else if (entry.name.startsWith('asset.') || (entry.isFile() && DEPLOYABLE_FILE.test(entry.name))) {
        fs.rmSync(full, { recursive: true });
        removed.push(shown);
      }
    }
  };
  sweep(outdir, '');
  return removed;
}
