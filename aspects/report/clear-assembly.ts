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
import { REPORT_FILES } from './write-reports';

const KEEP = new Set<string>(Object.values(REPORT_FILES));
// Includes earlier cdk-nag reports: the packs never run after the gate fails, so an old one could read "success".
const ASSEMBLY_FILE =
  /^(manifest\.json|tree\.json|cdk\.out|validation-report\.json|cdk-nag-.*\.json|.*\.template\.json|.*\.assets\.json|.*\.metadata\.json)$/;
/** Reports of the checks that ran after the gate, kept by clearDeployableOutput. */
const CHECK_REPORT = /^(validation-report\.json|policy-validation-report\.json|cdk-nag-.*\.json|performance-counters\.json)$/;

export function clearCloudAssembly(outdir: string | undefined): void {
  if (!outdir || !fs.existsSync(outdir)) return;
  for (const entry of fs.readdirSync(outdir, { withFileTypes: true })) {
    // The compliance reports match neither test: they stay.
    const full = path.join(outdir, entry.name);
    if (entry.name.startsWith('assembly-') || entry.name.startsWith('asset.')) fs.rmSync(full, { recursive: true });
    else if (entry.isFile() && ASSEMBLY_FILE.test(entry.name)) fs.rmSync(full);
  }
}

/**
 * Removes every template, manifest, asset and tree of the assembly (nested Stage assemblies too),
 * keeping the compliance reports and the reports of the checks that ran. Returns the removed paths
 * relative to `outdir`.
 */
export function clearDeployableOutput(outdir: string | undefined): string[] {
  if (!outdir || !fs.existsSync(outdir)) return [];
  const removed: string[] = [];
  const sweep = (dir: string, relative: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const shown = relative ? `${relative}/${entry.name}` : entry.name;
      if (KEEP.has(entry.name) || CHECK_REPORT.test(entry.name)) continue;
      if (entry.isDirectory() && entry.name.startsWith('assembly-')) {
        sweep(full, shown);
      } else if (entry.name.startsWith('asset.') || (entry.isFile() && ASSEMBLY_FILE.test(entry.name))) {
        fs.rmSync(full, { recursive: true });
        removed.push(shown);
      }
    }
  };
  sweep(outdir, '');
  return removed;
}
