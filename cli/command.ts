/**
 * `sfx-check [--region R] [--parameters file.json] [--format text|json|sarif|markdown] <template>...`
 *
 * Judges CloudFormation templates (JSON or YAML) with the SFX rules, exactly as the synth-time gate
 * judges a CDK app. Exit codes: 0 compliant, 1 violations, 2 unusable input (a one-line error on
 * stderr naming the file and the problem; never a stack trace).
 */
import { checkTemplates } from './check';
import { UnusableInput } from './load-template';
import { FORMATS, Format, render } from './output';

export const USAGE = 'usage: sfx-check [--region <region>] [--parameters <file.json>] [--format text|json|sarif|markdown] <template>...';

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

interface Arguments {
  readonly files: string[];
  readonly region?: string;
  readonly parametersFile?: string;
  readonly format: Format;
  readonly help: boolean;
}

/** Parses the command line; throws UnusableInput for anything it does not know. */
export function parseArguments(argv: readonly string[]): Arguments {
  const files: string[] = [];
  let region: string | undefined;
  let parametersFile: string | undefined;
  let format: Format = 'text';
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UnusableInput(undefined, `${name} needs a value; ${USAGE}`);
      return v;
    };
    if (name === '--help' || name === '-h') help = true;
    else if (name === '--region') region = value();
    else if (name === '--parameters') parametersFile = value();
    else if (name === '--format') {
      const v = value();
      if (!(FORMATS as readonly string[]).includes(v)) throw new UnusableInput(undefined, `unknown --format ${v}; use one of ${FORMATS.join(', ')}`);
      format = v as Format;
    } else if (name === '--') {
      files.push(...argv.slice(i + 1));
      break;
    } else if (name.startsWith('-') && name !== '-') throw new UnusableInput(undefined, `unknown option ${name}; ${USAGE}`);
    else files.push(arg);
  }
  if (region !== undefined && !REGION.test(region))
    throw new UnusableInput(undefined, `--region ${region} is not an AWS region name (for example eu-west-1)`);
  return { files, region, parametersFile, format, help };
}

export interface Streams {
  out(text: string): void;
  err(text: string): void;
}

const processStreams: Streams = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

/** Runs the command; returns its exit code. */
export function main(argv: readonly string[], streams: Streams = processStreams): number {
  try {
    const args = parseArguments(argv);
    if (args.help) {
      streams.out(`${USAGE}\n`);
      return 0;
    }
    if (args.files.length === 0) throw new UnusableInput(undefined, `no template given; ${USAGE}`);
    const outcome = checkTemplates(args.files, { region: args.region, parametersFile: args.parametersFile });
    streams.out(render(outcome, args.format));
    const { violations } = outcome.result;
    const roots = outcome.templates.filter((t) => !t.parent);
    for (const t of roots.filter((t) => t.target.region === undefined)) {
      streams.err(
        `sfx-check: ${t.stackPath} names no region (no cloud-assembly manifest, no Rules region guard); pass --region to judge it for the ` +
          `region it deploys to\n`,
      );
    }
    streams.err(
      `sfx-check: ${violations.length === 0 ? 'compliant' : `${violations.length} violation(s)`}: ${roots.length} template(s)` +
        `${outcome.templates.length > roots.length ? ` and ${outcome.templates.length - roots.length} nested` : ''}, ` +
        `${outcome.result.evaluations.length} evaluations\n`,
    );
    return violations.length === 0 ? 0 : 1;
  } catch (error) {
    if (error instanceof UnusableInput) {
      streams.err(`sfx-check: ${error.message}\n`);
    } else {
      // A template that trips the checker itself is still unusable input, reported in one line.
      streams.err(
        `sfx-check: internal error while checking (${error instanceof Error ? error.message : String(error)}); please report it with the template\n`,
      );
    }
    return 2;
  }
}
