export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * A missing transport package is the most common reason events go nowhere from a CLI: say where
 * to install it. Core looks in the current directory's project first, then next to the CLI.
 */
export function installHint(message: string): string | undefined {
  const m = /the package (\S+) to be installed/.exec(message);
  if (!m) return undefined;
  return `hint: install ${m[1]} in this project (npm install ${m[1]}) or next to the CLI (npm install -g ${m[1]} when the CLI is global)`;
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** Stable JSON for machine output: two-space indent, trailing newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
