/**
 * Where in the user's code a construct was created, for SARIF results that code scanning shows on
 * the line a developer wrote. CDK records each CfnElement's and Stack's creation stack trace
 * (metadata `aws:cdk:creationStack`); with source maps on, its frames are TypeScript lines.
 */
import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';

const CREATION_STACK = 'aws:cdk:creationStack';

export interface SourceLocation {
  /** `/`-separated path relative to the source root (the repository). */
  readonly uri: string;
  readonly line: number;
  readonly column?: number;
}

/** Maps a construct path to the user's source line that created it (or its nearest user-created ancestor). */
export type SourceLocator = (constructPath: string) => SourceLocation | undefined;

// `new Foo (/abs/file.ts:12:3)`, `at /abs/file.ts:12:3`, `Object.<anonymous> (C:\x\file.ts:1:2)`.
const FRAME = /\(?((?:\/|[A-Za-z]:[\\/])[^()]*?):(\d+):(\d+)\)?\s*$/;

/**
 * `sourceRoot` is the directory results are relative to (the repository; `cdk synth` runs the app
 * there). Frames outside it, in node_modules, or in Node's internals are library code.
 */
export function sourceLocatorFor(root: IConstruct, sourceRoot: string = process.cwd()): SourceLocator {
  let byPath: Map<string, IConstruct> | undefined;
  const cache = new Map<string, SourceLocation | undefined>();
  return (constructPath) => {
    // Stryker disable next-line ConditionalExpression: without the cache the same answer comes again from the same tree; only time differs
    if (cache.has(constructPath)) return cache.get(constructPath);
    byPath ??= new Map(root.node.findAll().map((c) => [c.node.path, c]));
    let construct = byPath.get(constructPath);
    // A resource with no construct of its own (a template's raw resource): its stack's path prefix.
    for (let p = constructPath; !construct && p.includes('/');) {
      p = p.slice(0, p.lastIndexOf('/'));
      construct = byPath.get(p);
    }
    let found: SourceLocation | undefined;
    for (const scope of construct ? [...construct.node.scopes].reverse() : []) {
      found = userFrame(creationStack(scope), sourceRoot);
      if (found) break;
    }
    cache.set(constructPath, found);
    return found;
  };
}

function creationStack(construct: IConstruct): string[] {
  const entry = construct.node.metadata.find((m) => m.type === CREATION_STACK);
  // Stryker disable next-line ArrayDeclaration: an entry that is no file location is skipped like no entry at all
  return Array.isArray(entry?.data) ? (entry.data as unknown[]).map(String) : [];
}

/** The first frame in the user's own files. */
export function userFrame(frames: readonly string[], sourceRoot: string): SourceLocation | undefined {
  for (const frame of frames.flatMap((f) => f.split('\n'))) {
    const match = FRAME.exec(frame);
    if (!match) continue;
    const file = match[1];
    const relative = path.relative(sourceRoot, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
    if (relative.split(path.sep).includes('node_modules') || !fs.existsSync(file)) continue;
    // The loader that runs TypeScript is not where anything was created.
    if (/transpile-only\.js$/.test(relative)) continue;
    return { uri: relative.split(path.sep).join('/'), line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}
