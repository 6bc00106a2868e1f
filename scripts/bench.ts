/**
 * `npm run bench`: synthesis wall time of the blueprint in one process, in three modes:
 *
 *   bare  no SFX gate, no cdk-nag        (compliance: false, nag: false)
 *   gate  SFX gate only                  (compliance: true,  nag: false)
 *   nag   SFX gate + four cdk-nag packs  (compliance: true,  nag: true)
 *
 * Each run builds a fresh App (cdk.json's context, like `cdk synth`) writing into a fresh
 * temp outdir and times construction + `app.synth()`. One warm-up round first (module
 * loading and JIT), then BENCH_RUNS rounds (default 5) with the modes interleaved, so
 * machine noise hits every mode alike. The last line is the gate's overhead ratio
 * (gate median / bare median), e.g. `gate overhead: 1.03x`.
 *
 * Beside them: `sfx-check` judging the largest template the blueprint writes, as a user runs it
 * (a new `node cli/sfx-check.js` process each time, so process start and module loading count),
 * one warm-up run (fills the transpile cache) and then SFX_CHECK_RUNS runs (default 9).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildStreamFlixApp } from '../lib/app';

interface Mode {
  readonly name: string;
  readonly label: string;
  readonly compliance: boolean;
  readonly nag: boolean;
}

const MODES: readonly Mode[] = [
  { name: 'bare', label: 'bare synth', compliance: false, nag: false },
  { name: 'gate', label: 'SFX gate', compliance: true, nag: false },
  { name: 'nag', label: 'SFX gate + cdk-nag', compliance: true, nag: true },
];

const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
/** The context `cdk synth` hands the app: cdk.json's, with version reporting off as cdk.json asks. */
const CONTEXT: Record<string, unknown> = { ...(cdkJson.context ?? {}), 'aws:cdk:version-reporting': false };

function sfxCheckRuns(): number {
  const n = Number(process.env.SFX_CHECK_RUNS ?? 9);
  if (!Number.isInteger(n) || n < 1) throw new Error(`SFX_CHECK_RUNS must be a positive integer, got "${process.env.SFX_CHECK_RUNS}"`);
  return n;
}

function runs(): number {
  const raw = process.env.BENCH_RUNS;
  if (raw === undefined || raw === '') return 5;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_RUNS must be a positive integer, got "${raw}"`);
  return n;
}

/** Builds and synthesizes the app once into a fresh temp outdir; returns milliseconds. */
function timeOnce(mode: Mode, scratch: string): number {
  const outdir = fs.mkdtempSync(path.join(scratch, `${mode.name}-`));
  const start = process.hrtime.bigint();
  buildStreamFlixApp({ compliance: mode.compliance, nag: mode.nag, outdir, context: CONTEXT, snapshotDirectory: `${outdir}-snapshots` }).synth();
  const elapsed = process.hrtime.bigint() - start;
  fs.rmSync(outdir, { recursive: true, force: true });
  return Number(elapsed) / 1e6;
}

const SFX_CHECK = path.join(__dirname, '..', 'cli', 'sfx-check.js');

/** Wall time of `sfx-check <largest template>` in fresh processes; returns the file and the samples in ms. */
function timeSfxCheck(scratch: string, n: number): { file: string; bytes: number; samples: number[] } {
  const outdir = fs.mkdtempSync(path.join(scratch, 'sfx-check-'));
  buildStreamFlixApp({ nag: false, outdir, context: CONTEXT, snapshotDirectory: `${outdir}-snapshots` }).synth();
  const [file] = fs
    .readdirSync(outdir)
    .filter((f) => f.endsWith('.template.json'))
    .map((f) => path.join(outdir, f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  const once = () => {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [SFX_CHECK, file], { encoding: 'utf8' });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.status !== 0) throw new Error(`sfx-check exited ${run.status} on ${file}: ${run.stderr}`);
    return elapsed;
  };
  once(); // warm-up, not measured
  return { file: path.basename(file), bytes: fs.statSync(file).size, samples: Array.from({ length: n }, once) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  const n = runs();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-bench-'));
  const samples = new Map<string, number[]>(MODES.map((mode) => [mode.name, []]));
  let check: ReturnType<typeof timeSfxCheck>;
  try {
    for (const mode of MODES) timeOnce(mode, scratch); // warm-up, not measured
    for (let round = 0; round < n; round++) {
      for (const mode of MODES) samples.get(mode.name)!.push(timeOnce(mode, scratch));
    }
    check = timeSfxCheck(scratch, sfxCheckRuns());
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  const stats = new Map(
    MODES.map((mode) => {
      const values = samples.get(mode.name)!;
      return [mode.name, { median: median(values), min: Math.min(...values) }];
    }),
  );
  const ms = (value: number) => value.toFixed(1).padStart(9);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  const signed = (value: number, digits: number) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
  const pct = (a: number, b: number) => `${signed((a / b - 1) * 100, 1)} %`;

  console.log(`StreamFlix synth benchmark: ${n} run(s) per mode after 1 warm-up, node ${process.version}, ${os.cpus().length} CPU(s)`);
  console.log('');
  console.log(`${'mode'.padEnd(20)}${'median ms'.padStart(11)}${'min ms'.padStart(11)}`);
  for (const mode of MODES) {
    const s = stats.get(mode.name)!;
    console.log(`${mode.label.padEnd(20)}  ${ms(s.median)}  ${ms(s.min)}`);
  }
  const checkLabel = 'sfx-check';
  console.log(
    `${checkLabel.padEnd(20)}  ${ms(median(check.samples))}  ${ms(Math.min(...check.samples))}   ${check.file} ` +
      `(${(check.bytes / 1024).toFixed(0)} KB), ${check.samples.length} runs, process start included`,
  );
  const bare = stats.get('bare')!.median;
  const gate = stats.get('gate')!.median;
  const nag = stats.get('nag')!.median;
  console.log('');
  console.log(`gate vs bare: ${signed(gate - bare, 1)} ms (${pct(gate, bare)})`);
  console.log(`nag vs gate:  ${signed(nag - gate, 1)} ms (${pct(nag, gate)}, ${ratio(nag, gate)})`);
  console.log(`gate overhead: ${ratio(gate, bare)}`);
}

main();
