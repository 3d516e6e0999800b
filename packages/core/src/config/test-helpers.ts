import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A scratch directory with an empty home, so no real ~/.openlineage/openlineage.yml leaks into a test. */
export function scratch(): { dir: string; home: string; write(rel: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'ol-config-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  return {
    dir,
    home,
    write(rel, text) {
      const file = join(dir, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
  };
}
