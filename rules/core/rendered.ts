/**
 * A string-valued expression as the gate renders it: a list of typed parts, literal text beside
 * the parts decided at deploy time. Rules read the parts (is this piece a parameter? the ARN of a
 * resource? the region field of an ARN?) instead of parsing placeholders back out of a string.
 */

/** One piece of a rendered string. */
export type RenderedPart =
  | { readonly kind: 'literal'; readonly text: string }
  /** `AWS::AccountId`, `AWS::Region` (when the stack's region is not literal), `AWS::NoValue`, … */
  | { readonly kind: 'pseudo'; readonly name: string }
  /** A parameter of the template (chosen at deploy time). */
  | { readonly kind: 'parameter'; readonly name: string }
  /** `Fn::ImportValue` of an export of another stack of the app whose value is not literal. */
  | { readonly kind: 'import'; readonly exportName: string }
  /** `Ref` (no attribute) or `Fn::GetAtt` of a logical id, which may or may not be a resource of the template. */
  | { readonly kind: 'reference'; readonly logicalId: string; readonly attribute?: string }
  /** `Fn::Select [index, Fn::Split [delimiter, <one part>]]`: one field of a referenced value (an ARN's region, its name). */
  | { readonly kind: 'segment'; readonly of: RenderedPart; readonly delimiter: ':' | '/'; readonly index: number }
  /** Decided by an intrinsic function the gate does not follow. */
  | { readonly kind: 'unknown' };

export type Rendered = readonly RenderedPart[];

/** Pseudo parameters that are the same in every stack of one account and region (and the stack's name). */
export const SAME_EVERYWHERE_PSEUDO: ReadonlySet<string> = new Set([
  'AWS::AccountId',
  'AWS::Partition',
  'AWS::Region',
  'AWS::URLSuffix',
  'AWS::StackName',
  'AWS::StackId',
]);

/** Merges adjacent literal text and drops empty text, so that "the first part" and "a single part" mean what they say. */
export function normalize(parts: readonly RenderedPart[]): Rendered {
  const out: RenderedPart[] = [];
  for (const part of parts) {
    // Stryker disable next-line ConditionalExpression: true for the kind does not compile (TS2339: only literal parts have text)
    if (part.kind === 'literal' && part.text === '') continue;
    const last = out[out.length - 1];
    if (part.kind === 'literal' && last?.kind === 'literal') out[out.length - 1] = { kind: 'literal', text: last.text + part.text };
    else out.push(part);
  }
  return out;
}

export function isFullyLiteral(parts: Rendered): boolean {
  return parts.every((part) => part.kind === 'literal');
}

/** The text when every part is literal, otherwise `undefined`. */
export function literalText(parts: Rendered): string | undefined {
  return isFullyLiteral(parts) ? partsToDisplay(parts) : undefined;
}

/**
 * `${…}` in literal text is no CloudFormation substitution: an IAM policy variable (`${aws:username}`,
 * decided per request) or an escaped `Fn::Sub` variable. The gate never reads it as a known value.
 */
export function hasVariableText(part: RenderedPart): boolean {
  return part.kind === 'literal' && part.text.includes('${');
}

/** Literal text with no `${…}` variable and no `{{resolve:…}}` dynamic reference: a value known at synth time. */
export function knownText(parts: Rendered): string | undefined {
  const text = literalText(parts);
  return text !== undefined && !text.includes('${') && !text.includes('{{resolve:') ? text : undefined;
}

/** The part a chain of segments is cut from (`Select(1, Split('/', Select(5, Split(':', X.Arn))))` → `X.Arn`). */
export function rootOf(part: RenderedPart): RenderedPart {
  return part.kind === 'segment' ? rootOf(part.of) : part;
}

/** The segments of a chain, innermost (the first split applied) first. */
export function segmentsOf(part: RenderedPart): { delimiter: ':' | '/'; index: number }[] {
  return part.kind === 'segment' ? [...segmentsOf(part.of), { delimiter: part.delimiter, index: part.index }] : [];
}

/** A parameter (or a segment of one), or an intrinsic the gate cannot follow: a value anyone deploying can choose. */
export function isParameterOrUnknown(part: RenderedPart): boolean {
  return part.kind === 'unknown' || rootOf(part).kind === 'parameter';
}

/** Only literal text (without variables) and pseudo parameters that are the same everywhere in one account and region. */
export function onlySameEverywhere(parts: Rendered): boolean {
  // Stryker disable next-line ConditionalExpression: true for the pseudo test does not compile (TS2339: not every part has a name)
  return parts.every((part) => (part.kind === 'literal' ? !hasVariableText(part) : part.kind === 'pseudo' && SAME_EVERYWHERE_PSEUDO.has(part.name)));
}

/**
 * The fields of the rendered value split at the `:` of its literal text: an ARN's
 * `arn`, partition, service, region, account and resource (which may hold more `:`).
 */
export function arnFields(parts: Rendered): Rendered[] {
  const fields: RenderedPart[][] = [[]];
  for (const part of parts) {
    if (part.kind !== 'literal') {
      fields[fields.length - 1].push(part);
      continue;
    }
    part.text.split(':').forEach((text, index) => {
      if (index > 0) fields.push([]);
      fields[fields.length - 1].push({ kind: 'literal', text });
    });
  }
  return fields.map(normalize);
}

/** The service field of an ARN (`arn:<partition>:<service>:…`) when it is literal, else `undefined`. */
export function arnService(parts: Rendered): string | undefined {
  const fields = arnFields(parts);
  return fields.length >= 4 && partsToDisplay(fields[0]) === 'arn' ? literalText(fields[2]) : undefined;
}

/**
 * Readable text for messages: literal text as is, `${param.Name}` for a parameter, `${Name.Attribute}` for
 * a reference, `${AWS.Region}` for a pseudo parameter, `${import.<hex>}` for an import, `${Name.SplitColon6}`
 * for a segment, `${intrinsic}` for anything else. Placeholders carry no `:`, so ARN fields stay countable.
 */
export function partsToDisplay(parts: Rendered): string {
  return parts.map((part) => (part.kind === 'literal' ? part.text : `\${${placeholderName(part)}}`)).join('');
}

function placeholderName(part: Exclude<RenderedPart, { kind: 'literal' }>): string {
  switch (part.kind) {
    case 'pseudo':
      return part.name.replace(/:+/g, '.');
    case 'parameter':
      return `param.${part.name}`;
    case 'import':
      return `import.${Buffer.from(part.exportName).toString('hex')}`;
    case 'reference':
      return (part.attribute === undefined ? part.logicalId : `${part.logicalId}.${part.attribute}`).replace(/:+/g, '.');
    case 'segment': {
      const of = part.of.kind === 'literal' ? 'literal' : placeholderName(part.of);
      return `${of}.Split${part.delimiter === ':' ? 'Colon' : 'Slash'}${part.index}`;
    }
    case 'unknown':
      return 'intrinsic';
  }
}
