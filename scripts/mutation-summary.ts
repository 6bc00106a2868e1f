/**
 * Prints the mutation score per area (rules/, rules/core/, aspects/, aspects/report/) and per file
 * from Stryker's JSON report (reports/mutation/mutation.json): `npm run mutate` runs it after Stryker.
 * Given report paths (`npm run mutate:summary -- a.json b.json`), it merges them: per-area runs add up to a full run.
 * Score = killed (incl. timeouts) / (killed + survived + no coverage), as Stryker counts it;
 * mutants Stryker could not compile or that are disabled by a reasoned comment do not count.
 */
import * as fs from 'fs';
import * as path from 'path';

const REPORT = path.join(__dirname, '..', 'reports', 'mutation', 'mutation.json');

interface Mutant {
  readonly status: string;
  readonly mutatorName: string;
  readonly location: { readonly start: { readonly line: number } };
}
interface Report {
  readonly files: Record<string, { readonly mutants: readonly Mutant[] }>;
}

interface Tally {
  detected: number;
  undetected: number;
  ignored: number;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

function tally(mutants: readonly Mutant[]): Tally {
  return {
    detected: mutants.filter((m) => DETECTED.has(m.status)).length,
    undetected: mutants.filter((m) => UNDETECTED.has(m.status)).length,
    ignored: mutants.filter((m) => m.status === 'Ignored').length,
  };
}

function score({ detected, undetected }: Tally): string {
  const total = detected + undetected;
  return total === 0 ? '   n/a' : `${((100 * detected) / total).toFixed(1).padStart(5)}%`;
}

/** The folder a file's score counts for: `rules/core/`, `rules/`, `aspects/report/` or `aspects/`. */
function areaOf(file: string): string {
  return path.posix.dirname(file.split(path.sep).join('/')) + '/';
}

function line(name: string, t: Tally): string {
  return (
    `${score(t)}  ${name.padEnd(40)} killed ${String(t.detected).padStart(4)}  survived ${String(t.undetected).padStart(4)}` +
    (t.ignored ? `  ignored ${t.ignored} (static with --ignoreStatic, or a disable comment)` : '')
  );
}

function readReports(paths: readonly string[]): Report['files'] {
  const merged: Record<string, { readonly mutants: readonly Mutant[] }> = {};
  for (const p of paths) {
    if (!fs.existsSync(p)) {
      console.error(`No mutation report at ${path.relative(process.cwd(), p)}: run \`npm run mutate\` (or \`npx stryker run\`) first.`);
      process.exit(1);
    }
    // A file in two reports keeps the later report's mutants: the later run is the newer result.
    Object.assign(merged, (JSON.parse(fs.readFileSync(p, 'utf8')) as Report).files);
  }
  return merged;
}

function main(): void {
  const args = process.argv.slice(2);
  const files = Object.entries(readReports(args.length ? args : [REPORT])).sort(([a], [b]) => a.localeCompare(b));
  const areas = new Map<string, Mutant[]>();
  for (const [file, { mutants }] of files) areas.set(areaOf(file), [...(areas.get(areaOf(file)) ?? []), ...mutants]);

  console.log('Mutation score per area (target: rules/ and rules/core/ >= 90%, aspects/ >= 80%)');
  for (const [area, mutants] of [...areas].sort(([a], [b]) => a.localeCompare(b))) console.log(line(area, tally(mutants)));
  console.log(line('all', tally(files.flatMap(([, f]) => f.mutants))));
  console.log('\nPer file');
  for (const [file, { mutants }] of files) console.log(line(file, tally(mutants)));

  const survivors = files.flatMap(([file, { mutants }]) =>
    mutants.filter((m) => UNDETECTED.has(m.status)).map((m) => `${file}:${m.location.start.line} ${m.mutatorName} (${m.status})`),
  );
  if (survivors.length) console.log(`\nSurvivors (${survivors.length}); details in reports/mutation/index.html`);
  for (const s of survivors) console.log(`  ${s}`);
}

main();
