/**
 * Templates that point at other templates: `AWS::Include` snippets (`Fn::Transform`) and nested
 * stacks (`AWS::CloudFormation::Stack`). When the other template is a local file (a path as
 * `aws cloudformation package` takes it, or a CDK cloud assembly's own asset), sfx-check reads it
 * and judges its content; anything else (an S3 or HTTPS URL, a value built at deploy time) is
 * left as it is, and SFX-TEMPLATE-VISIBLE reports it, failing closed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isPlainObject } from '../rules/core/intrinsics';
import { UnusableInput, displayPath, loadTemplate } from './load-template';

const REMOTE = /^(s3|https?):\/\//i;
const MAX_DEPTH = 8;

/** A literal location that names a local file, resolved against the directory of the template naming it. */
function localPath(location: unknown, from: string): string | undefined {
  if (typeof location !== 'string' || location === '' || REMOTE.test(location)) return undefined;
  const relative = location.startsWith('file://') ? location.slice('file://'.length) : location;
  return displayPath(path.resolve(path.dirname(from), relative));
}

/**
 * `template` with every `Fn::Transform` of `AWS::Include` whose Location is a local file replaced
 * by that file's content (a mapping merged into the mapping that held the transform, as
 * CloudFormation does). `chain` holds the files being included, against include cycles.
 */
export function inlineLocalIncludes(value: unknown, file: string, chain: readonly string[] = [file]): unknown {
  if (Array.isArray(value)) return value.map((item) => inlineLocalIncludes(item, file, chain));
  if (!isPlainObject(value)) return value;
  const transform = value['Fn::Transform'];
  const snippet =
    isPlainObject(transform) && transform.Name === 'AWS::Include' && isPlainObject(transform.Parameters)
      ? localPath(transform.Parameters.Location, file)
      : undefined;
  const rest: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (!(snippet && key === 'Fn::Transform')) rest[key] = inlineLocalIncludes(item, file, chain);
  if (!snippet) return rest;
  if (chain.includes(snippet) || chain.length > MAX_DEPTH)
    throw new UnusableInput(file, `AWS::Include of ${snippet} includes itself (or nests more than ${MAX_DEPTH} deep)`);
  if (!fs.existsSync(snippet)) throw new UnusableInput(file, `AWS::Include names the local file ${snippet}, which does not exist`);
  const included = inlineLocalIncludes(loadTemplate(snippet).template, snippet, [...chain, snippet]) as Record<string, unknown>;
  const clash = Object.keys(included).find((key) => key in rest);
  if (clash) throw new UnusableInput(file, `AWS::Include of ${snippet} defines ${clash}, which the including mapping already has`);
  return { ...rest, ...included };
}

/**
 * The local file a nested stack resource's template is in: a TemplateURL that is a local path, or,
 * in a CDK cloud assembly, the file asset whose object key (`<hash>.json`) the TemplateURL names,
 * according to the asset manifests beside the template.
 */
export function localNestedTemplate(resource: Record<string, unknown>, file: string): string | undefined {
  const properties = isPlainObject(resource.Properties) ? resource.Properties : {};
  const direct = localPath(properties.TemplateURL, file);
  if (direct) {
    if (!fs.existsSync(direct)) throw new UnusableInput(file, `a nested stack's TemplateURL names the local file ${direct}, which does not exist`);
    return direct;
  }
  if (properties.TemplateURL === undefined) return undefined;
  const url = JSON.stringify(properties.TemplateURL);
  const dir = path.dirname(file);
  const asset = fileAssets(dir).find(({ objectKey }) => url.includes(objectKey));
  return asset && fs.existsSync(path.join(dir, asset.source)) ? displayPath(path.join(dir, asset.source)) : undefined;
}

/** The file assets that the asset manifests in `dir` publish: each one's source path and object key. */
function fileAssets(dir: string): { source: string; objectKey: string }[] {
  const assets: { source: string; objectKey: string }[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((entry) => entry.endsWith('.assets.json'));
  } catch {
    return assets;
  }
  for (const name of names) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as {
        files?: Record<string, { source?: { path?: string; packaging?: string }; destinations?: Record<string, { objectKey?: string }> }>;
      };
      for (const asset of Object.values(manifest.files ?? {})) {
        const source = asset.source?.path;
        if (!source || (asset.source?.packaging ?? 'file') !== 'file') continue;
        // A hash-named key is specific enough to be matched inside the URL's text.
        for (const { objectKey } of Object.values(asset.destinations ?? {}))
          if (objectKey && /^[0-9a-f]{64}\.json$/.test(objectKey)) assets.push({ source, objectKey });
      }
    } catch {
      // An unreadable asset manifest confirms nothing.
    }
  }
  return assets;
}
