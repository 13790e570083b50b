/** Where a command writes: results on stdout, progress and problems on stderr (so `--json | jq` stays clean). */
export interface Terminal {
  out(text: string): void;
  err(text: string): void;
  /** A line that replaces itself on a terminal, and is printed once per change elsewhere (a CI log). */
  progress(text: string): void;
  /** Ends a progress line. */
  done(): void;
}

export function processTerminal(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): Terminal {
  let last: string | undefined;
  let open = false;
  return {
    out: (text) => void stdout.write(`${text}\n`),
    err: (text) => void stderr.write(`${text}\n`),
    progress(text) {
      if (text === last) return;
      last = text;
      if (stderr.isTTY) {
        stderr.write(`\r\x1b[K${text}`);
        open = true;
      } else stderr.write(`${text}\n`);
    },
    done() {
      if (open) stderr.write('\n');
      open = false;
      last = undefined;
    },
  };
}
