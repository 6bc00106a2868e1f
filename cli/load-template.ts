/**
 * Reads one CloudFormation template file as CloudFormation would: JSON when the text is JSON,
 * otherwise YAML 1.1 with the short-form intrinsic tags. Anything CloudFormation could not read
 * (or could read two ways) is an {@link UnusableInput} naming the file, the line and the problem.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as Yaml from 'yaml';
import { cloudFormationTags } from './yaml-tags';

let yamlModule: typeof Yaml | undefined;
/** Loaded on the first YAML template: it costs more start-up time than judging a JSON template. */
function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml') as typeof Yaml);
}

/** Input sfx-check cannot judge: the message names the file (none for the command line itself) and the problem, in one line. */
export class UnusableInput extends Error {
  constructor(
    public readonly file: string | undefined,
    problem: string,
  ) {
    super(file === undefined ? problem : `${file}: ${problem}`);
    this.name = 'UnusableInput';
  }
}

export interface LoadedTemplate {
  readonly file: string;
  readonly template: Record<string, unknown>;
  readonly format: 'json' | 'yaml';
  /** 1-based line of each resource's logical id in the file. */
  readonly resourceLines: ReadonlyMap<string, number>;
}

/** CloudFormation templates are at most 1 MB (from S3); a larger file is not a template. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

export function loadTemplate(file: string): LoadedTemplate {
  const text = readText(file);
  const { template, format, resourceLines } = text.trimStart().startsWith('{') ? parseJsonOrYaml(file, text) : parseYaml(file, text);
  if (template === null || typeof template !== 'object' || Array.isArray(template)) {
    throw new UnusableInput(file, 'not a CloudFormation template: the document is not a mapping of template sections');
  }
  return { file, template: template as Record<string, unknown>, format, resourceLines };
}

/** A path as sfx-check shows it: relative when under the working directory, `/`-separated. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return (relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative).split(path.sep).join('/');
}

/** Reads a file that a template or the command line names, as UTF-8 text. */
export function readText(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UnusableInput(file, 'no such file');
  }
  if (!stat.isFile()) throw new UnusableInput(file, 'not a file');
  if (stat.size > MAX_TEMPLATE_BYTES) throw new UnusableInput(file, `${stat.size} bytes, larger than CloudFormation's 1 MB template limit`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UnusableInput(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

type Parsed = { template: unknown; format: 'json' | 'yaml'; resourceLines: Map<string, number> };

/** CloudFormation reads a template as JSON when it can, else as YAML (a YAML flow mapping also starts with `{`). */
function parseJsonOrYaml(file: string, text: string): Parsed {
  let template: unknown;
  try {
    template = JSON.parse(text);
  } catch (error) {
    try {
      return parseYaml(file, text);
    } catch {
      const position = /position (\d+)/.exec((error as Error).message);
      const line = position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
      throw new UnusableInput(file, `not valid JSON${line ? ` (line ${line})` : ''}: ${(error as Error).message}`);
    }
  }
  const { duplicate, resourceLines } = scanJsonKeys(text);
  if (duplicate)
    throw new UnusableInput(
      file,
      `line ${duplicate.line}: the key "${duplicate.key}" appears twice in one object, so the template can be read two ways`,
    );
  return { template, format: 'json', resourceLines };
}

const BOOL = 'tag:yaml.org,2002:bool';

/**
 * YAML 1.1 scalars (CloudFormation reads `yes`/`no`/`on`/`off` as booleans, like the common YAML 1.1
 * parsers, but not a lone `y` or `n`: a logical id `N` stays a name), without the binary, omap,
 * pairs, set and timestamp types that CloudFormation does not support: an unquoted `2010-09-09`
 * stays a string.
 */
function yamlTags(defaults: Yaml.Tags): Yaml.Tags {
  const unsupported = new Set([
    BOOL,
    'tag:yaml.org,2002:binary',
    'tag:yaml.org,2002:omap',
    'tag:yaml.org,2002:pairs',
    'tag:yaml.org,2002:set',
    'tag:yaml.org,2002:timestamp',
  ]);
  const bool = (value: boolean, test: RegExp): Yaml.ScalarTag => ({
    tag: BOOL,
    default: true,
    test,
    identify: (v) => v === value,
    resolve: () => value,
  });
  return [
    ...defaults.filter((tag) => typeof tag === 'string' || !unsupported.has(tag.tag)),
    bool(true, /^(?:[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/),
    bool(false, /^(?:[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/),
    ...cloudFormationTags(),
  ];
}

function parseYaml(file: string, text: string): Parsed {
  const { LineCounter, isMap, isScalar, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', schema: 'yaml-1.1', customTags: yamlTags, lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const line = problem.pos ? lineCounter.linePos(problem.pos[0]).line : undefined;
    throw new UnusableInput(file, `not a valid YAML template${line ? ` (line ${line})` : ''}: ${problem.message.split('\n')[0]}`);
  }
  let template: unknown;
  try {
    template = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new UnusableInput(file, `not a valid YAML template: ${(error as Error).message.split('\n')[0]}`);
  }
  const resourceLines = new Map<string, number>();
  const resources = isMap(doc.contents) ? doc.contents.get('Resources', true) : undefined;
  if (isMap(resources)) {
    for (const item of resources.items) {
      if (isScalar(item.key) && item.key.range) resourceLines.set(String(item.key.value), lineCounter.linePos(item.key.range[0]).line);
    }
  }
  return { template, format: 'yaml', resourceLines };
}

/**
 * One pass over valid JSON text: the first key that repeats within one object (JSON.parse would
 * silently keep the last), and the line of each key directly under the top-level `Resources`.
 */
export function scanJsonKeys(text: string): { duplicate?: { key: string; line: number }; resourceLines: Map<string, number> } {
  type Frame = { object: boolean; keys: Set<string>; key?: string; expectKey: boolean };
  const stack: Frame[] = [];
  const resourceLines = new Map<string, number>();
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '{' || c === '[') stack.push({ object: c === '{', keys: new Set(), expectKey: c === '{' });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
    } else if (c === ':') {
      const top = stack[stack.length - 1];
      if (top) top.expectKey = false;
    } else if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return { duplicate: { key, line }, resourceLines };
        top.keys.add(key);
        top.key = key;
        if (stack.length === 2 && stack[0].key === 'Resources') resourceLines.set(key, line);
      }
      i = j;
    }
  }
  return { resourceLines };
}
