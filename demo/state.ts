// The demo's orgs kept between starts: a snapshot of the World (localorg World.snapshot) in
// $XDG_CACHE_HOME/s2s-sync-demo/state.json (~/.cache/s2s-sync-demo/ without it), written a moment
// after each change (debounced) and on exit, read at the next start. `npm start -- --fresh` starts
// from the seeded orgs and replaces it. A snapshot is used only with the package sources it was
// taken with (their content hash is saved with it): after a change of the package or of the demo's
// seed the orgs start fresh and the old file is kept beside it (state.json.old).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { World, WorldSnapshot } from '../localorg/src/platform/index.ts';

const SAVE_DELAY_MS = 500;

interface StateFile {
  /** content hash of the package and demo sources the orgs were created from */
  sources: string;
  savedAt: string;
  world: WorldSnapshot;
}

/** The folder of the demo's state: $XDG_CACHE_HOME/s2s-sync-demo or ~/.cache/s2s-sync-demo. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 's2s-sync-demo');
}

/** A content hash of what the orgs are made of: the package, test metadata and the demo's seed. */
export function sourcesHash(root: string): string {
  const hash = createHash('sha256');
  const dirs = ['force-app', 'unpackaged', path.join('demo', 'metadata')];
  const files = [path.join('demo', 'world.ts'), path.join('demo', 'personas.ts')];
  for (const dir of dirs) {
    const entries = fs
      .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
      .map((entry) => path.join(dir, entry))
      .filter((file) => fs.statSync(path.join(root, file)).isFile());
    files.push(...entries);
  }
  for (const file of files.sort()) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export class DemoState {
  readonly file: string;
  private timer: NodeJS.Timeout | null = null;
  private world: World | null = null;
  private lastError: string | null = null;

  constructor(
    readonly sources: string,
    dir: string = stateDir(),
    private readonly log: (line: string) => void = console.log
  ) {
    this.file = path.join(dir, 'state.json');
  }

  /**
   * The saved World, or null (none saved, or saved from other sources: then it is moved to
   * state.json.old and the reason logged). A file that cannot be read fails loudly.
   */
  load(): WorldSnapshot | null {
    if (!fs.existsSync(this.file)) return null;
    let saved: StateFile;
    try {
      saved = JSON.parse(fs.readFileSync(this.file, 'utf8')) as StateFile;
    } catch (error) {
      throw new Error(
        `The demo's saved state ${this.file} cannot be read (${(error as Error).message}): start with \`npm start -- --fresh\` to replace it`
      );
    }
    if (saved.sources !== this.sources) {
      fs.renameSync(this.file, `${this.file}.old`);
      this.log(
        `the package or the demo changed since the saved state of ${saved.savedAt}: starting from the seeded orgs (the old state is kept in ${this.file}.old)`
      );
      return null;
    }
    return saved.world;
  }

  /** Moves a saved state that could not be restored to state.json.bad; returns that path. */
  setAside(): string {
    const bad = `${this.file}.bad`;
    fs.renameSync(this.file, bad);
    return bad;
  }

  /** Removes the saved state (`--fresh`). */
  clear(): void {
    fs.rmSync(this.file, { force: true });
  }

  /**
   * Why the last save failed (a pending job whose state cannot be saved, named with the job), or
   * null when the file holds the orgs as they are. The page shows it.
   */
  get problem(): string | null {
    return this.lastError;
  }

  /** Saves this World from now on: a moment after each change, and on exit. */
  track(world: World): void {
    this.world = world;
  }

  /** Something changed: save once the page has been quiet for a moment. */
  changed(): void {
    if (!this.world) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.save();
    }, SAVE_DELAY_MS);
  }

  /**
   * Writes the snapshot now (atomically: a temporary file renamed over the old one), pending async
   * jobs included. A World that cannot be saved (a pending job holds a value that cannot be written
   * back) keeps the previous file and says why once, and `problem` tells the page.
   */
  save(): boolean {
    if (!this.world) return false;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    let body: string;
    try {
      const saved: StateFile = {
        sources: this.sources,
        savedAt: new Date().toISOString(),
        world: this.world.snapshot()
      };
      body = JSON.stringify(saved);
    } catch (error) {
      const message = (error as Error).message;
      if (message !== this.lastError)
        this.log(`demo state not saved (${this.file} keeps the last saved state): ${message}`);
      this.lastError = message;
      return false;
    }
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, body);
    fs.renameSync(temporary, this.file);
    this.lastError = null;
    return true;
  }
}
