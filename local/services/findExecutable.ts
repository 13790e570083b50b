import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The absolute path of `name` on PATH, or undefined: lets us say "not installed" instead of ENOENT. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** `$JAVA_HOME/bin/java` when set (as Maven and Kafka's own scripts do), else java on PATH. */
export function findJava(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.JAVA_HOME) {
    const candidate = join(env.JAVA_HOME, 'bin', 'java');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // a stale JAVA_HOME: fall back to PATH
    }
  }
  return findExecutable('java', env);
}
