/** aspects/report/source-location.ts: the user's source line behind a construct, from creation stacks over real files in a temp source root. */
import { Construct } from 'constructs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sourceLocatorFor, userFrame } from '../../aspects/report/source-location';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-source-'));
for (const file of ['lib/app.ts', 'lib/other.ts', 'node_modules/aws-cdk-lib/core.js', 'scripts/transpile-only.js', 'lib/node_modules_not.ts']) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), '');
}
const at = (file: string, line: number, column: number) => `${path.join(root, file)}:${line}:${column}`;

describe('userFrame', () => {
  test('the first frame in a file of the source root, with its line and column, the URI relative and /-separated', () => {
    expect(userFrame([`new Stack (${at('lib/app.ts', 12, 3)})`], root)).toEqual({ uri: 'lib/app.ts', line: 12, column: 3 });
    expect(userFrame([`at ${at('lib/other.ts', 7, 15)}`], root)).toEqual({ uri: 'lib/other.ts', line: 7, column: 15 });
  });

  test('skips library code, the TypeScript loader, files that do not exist, files outside the root and lines that are no frame', () => {
    const frames = [
      'no frame here',
      `new Bucket (${at('node_modules/aws-cdk-lib/core.js', 1, 1)})`,
      `Module._compile (${at('scripts/transpile-only.js', 2, 2)})`,
      `Object.<anonymous> (${at('lib/deleted.ts', 3, 3)})`,
      `Object.<anonymous> (${path.join(os.tmpdir(), 'elsewhere.ts')}:4:4)`,
      `Object.<anonymous> (relative/file.ts:5:5)`,
      `new Api (${at('lib/node_modules_not.ts', 6, 6)})`,
    ];
    expect(userFrame(frames, root)).toEqual({ uri: 'lib/node_modules_not.ts', line: 6, column: 6 });
    expect(userFrame(frames.slice(0, 6), root)).toBeUndefined();
  });

  test('one entry may hold several frames, one per line, each trimmed', () => {
    expect(userFrame([`new Bucket (${at('node_modules/aws-cdk-lib/core.js', 1, 1)})\n    at ${at('lib/app.ts', 20, 9)}   `], root)).toEqual({
      uri: 'lib/app.ts',
      line: 20,
      column: 9,
    });
  });

  test('nothing without frames', () => {
    expect(userFrame([], root)).toBeUndefined();
  });
});

describe('userFrame, edge files', () => {
  test("an existing file outside the root is skipped; a file merely named like the loader is the user's", () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-outside-'));
    fs.writeFileSync(path.join(outside, 'lib.ts'), '');
    fs.writeFileSync(path.join(root, 'lib', 'transpile-only.jsx'), '');
    expect(userFrame([`at ${path.join(outside, 'lib.ts')}:1:1`], root)).toBeUndefined();
    expect(userFrame([`at ${path.join(outside, 'lib.ts')}:1:1`, `at ${at('lib/transpile-only.jsx', 2, 3)}`], root)).toEqual({
      uri: 'lib/transpile-only.jsx',
      line: 2,
      column: 3,
    });
  });
});

describe('userFrame, frame forms', () => {
  test("a frame is read at its own location, at its end: an eval frame's is the eval'd code, no file, and the next frame is taken", () => {
    const frames = [`eval (eval at build (${at('lib/other.ts', 1, 2)}), <anonymous>:3:4)`, `new Api (${at('lib/app.ts', 5, 6)})`];
    expect(userFrame(frames, root)).toEqual({ uri: 'lib/app.ts', line: 5, column: 6 });
  });

  test('on Windows, a frame with a drive letter is read like a POSIX one, its URI /-separated', () => {
    let located: unknown[] = [];
    jest.isolateModules(() => {
      jest.doMock('path', () => jest.requireActual<typeof path>('path').win32);
      const files = ['C:\\repo\\lib\\app.ts', 'C:\\repo\\lib\\other.ts'];
      jest.doMock('fs', () => ({ existsSync: (file: string) => files.includes(path.win32.normalize(file)) }));
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const windows = require('../../aspects/report/source-location') as typeof import('../../aspects/report/source-location');
      located = [
        windows.userFrame(['Object.<anonymous> (C:\\repo\\lib\\app.ts:3:4)'], 'C:\\repo'),
        windows.userFrame(['at C:/repo/lib/other.ts:5:6'], 'C:\\repo'),
      ];
    });
    jest.dontMock('path').dontMock('fs');
    expect(located).toEqual([
      { uri: 'lib/app.ts', line: 3, column: 4 },
      { uri: 'lib/other.ts', line: 5, column: 6 },
    ]);
  });
});

describe('sourceLocatorFor', () => {
  class Root extends Construct {
    constructor() {
      super(undefined as unknown as Construct, '');
    }
  }
  const created = (construct: Construct, ...frames: string[]) => construct.node.addMetadata('aws:cdk:creationStack', frames);
  const app = new Root();
  const stack = new Construct(app, 'Stack');
  created(stack, `new Stack (${at('lib/app.ts', 10, 5)})`);
  const bucket = new Construct(stack, 'Bucket');
  created(bucket, `new Bucket (${at('node_modules/aws-cdk-lib/core.js', 1, 1)})`);
  const db = new Construct(stack, 'Db');
  created(db, `new Db (${at('lib/other.ts', 30, 7)})`);
  new Construct(db, 'Resource').node.addMetadata('aws:cdk:creationStack', 'not a list');
  new Construct(app, 'Bare');
  const locate = sourceLocatorFor(app, root);

  test("a construct's own creation line", () => {
    expect(locate('Stack/Db')).toEqual({ uri: 'lib/other.ts', line: 30, column: 7 });
  });

  test('created in library code, or without a usable creation stack: the nearest ancestor the user created', () => {
    expect(locate('Stack/Bucket')).toEqual({ uri: 'lib/app.ts', line: 10, column: 5 });
    expect(locate('Stack/Db/Resource')).toEqual({ uri: 'lib/other.ts', line: 30, column: 7 });
  });

  test('a resource without a construct of its own: the construct its path falls under', () => {
    expect(locate('Stack/Db/Raw/Deeper')).toEqual({ uri: 'lib/other.ts', line: 30, column: 7 });
    expect(locate('Stack/RawTopic')).toEqual({ uri: 'lib/app.ts', line: 10, column: 5 });
  });

  test('nothing for a construct no user code created, or a path outside the tree', () => {
    expect(locate('Bare')).toBeUndefined();
    expect(locate('Elsewhere')).toBeUndefined();
    expect(locate('Elsewhere/Deeper')).toBeUndefined();
  });

  test('reads the tree once, at its first question (reports are written when the tree is final): a construct added later is not seen', () => {
    expect(locate('Late')).toBeUndefined();
    const late = new Construct(app, 'Late');
    created(late, `new Late (${at('lib/app.ts', 40, 1)})`);
    expect(locate('Late')).toBeUndefined();
    expect(sourceLocatorFor(app, root)('Late')).toEqual({ uri: 'lib/app.ts', line: 40, column: 1 });
  });

  test("a path outside the tree is not given the root's creation line", () => {
    const top = new Root();
    created(top, `new App (${at('lib/app.ts', 1, 1)})`);
    created(new Construct(top, 'Stack'), `new Stack (${at('lib/app.ts', 2, 2)})`);
    const find = sourceLocatorFor(top, root);
    expect(find('Stack/Raw')).toEqual({ uri: 'lib/app.ts', line: 2, column: 2 });
    expect(find('Elsewhere/Deeper')).toBeUndefined();
    expect(find('Elsewhere')).toBeUndefined();
  });

  test('the source root defaults to the working directory', () => {
    const here = new Root();
    created(new Construct(here, 'X'), `new X (${__filename}:3:4)`);
    expect(sourceLocatorFor(here)('X')).toEqual({ uri: path.relative(process.cwd(), __filename).split(path.sep).join('/'), line: 3, column: 4 });
  });
});
