/**
 * On a failing gate, removes what would make the output directory look like a good build:
 * the cloud-assembly manifest, templates and nested Stage assemblies (written by this synth,
 * or stale from an earlier one). Only the compliance reports stay.
 */
import * as fs from 'fs';
import * as path from 'path';
import { REPORT_FILES } from './write-reports';

const KEEP = new Set<string>(Object.values(REPORT_FILES));
// Includes earlier cdk-nag reports: the packs never run after the gate fails, so an old one could read "success".
const ASSEMBLY_FILE = /^(manifest\.json|tree\.json|cdk\.out|validation-report\.json|cdk-nag-.*\.json|.*\.template\.json|.*\.assets\.json|.*\.metadata\.json)$/;

export function clearCloudAssembly(outdir: string | undefined): void {
  if (!outdir || !fs.existsSync(outdir)) return;
  for (const entry of fs.readdirSync(outdir, { withFileTypes: true })) {
    if (KEEP.has(entry.name)) continue;
    const full = path.join(outdir, entry.name);
    if (entry.name.startsWith('assembly-') || entry.name.startsWith('asset.')) fs.rmSync(full, { recursive: true, force: true });
    else if (entry.isFile() && ASSEMBLY_FILE.test(entry.name)) fs.rmSync(full, { force: true });
  }
}
