/**
 * Product snapshots are committed files (product-stack-snapshots/), and ProductStackHistory writes
 * the current version's template there during synthesis, before cdk-nag and CloudFormation
 * Validate have judged it. Staging keeps a failing synth from rewriting them: synthesis writes to a
 * temporary copy, and only a synth that passed every check copies the changes back.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface StagedSnapshots {
  /** Where synthesis reads and writes snapshots (a copy of the committed directory). */
  readonly directory: string;
  /** Copies new and changed snapshots into the committed directory; returns the file names copied. */
  commit(): string[];
  /** Removes the staging copy. */
  discard(): void;
}

export function stageSnapshots(committedDirectory: string): StagedSnapshots {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sfx-staged-snapshots-'));
  if (fs.existsSync(committedDirectory)) fs.cpSync(committedDirectory, directory, { recursive: true });
  return {
    directory,
    commit() {
      const copied: string[] = [];
      fs.mkdirSync(committedDirectory, { recursive: true });
      for (const file of fs.readdirSync(directory)) {
        const staged = fs.readFileSync(path.join(directory, file));
        const target = path.join(committedDirectory, file);
        if (fs.existsSync(target) && fs.readFileSync(target).equals(staged)) continue;
        fs.writeFileSync(target, staged);
        copied.push(file);
      }
      return copied;
    },
    discard() {
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
