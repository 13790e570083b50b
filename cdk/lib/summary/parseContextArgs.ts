/**
 * `-c key=value` / `--context key=value` pairs, as the cdk CLI takes them, so `npm run synth` accepts
 * the same context: `npm run synth -- -c environment=staging`.
 *
 * @throws Error for anything else on the command line.
 */
export function parseContextArgs(argv: readonly string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const pair = argv[i + 1];
    if ((flag !== '-c' && flag !== '--context') || pair === undefined || !pair.includes('=')) {
      throw new Error(`Usage: npm run synth [-- -c key=value ...]; unexpected "${flag ?? ''}"`);
    }
    const at = pair.indexOf('=');
    context[pair.slice(0, at)] = pair.slice(at + 1);
    i += 1;
  }
  return context;
}
