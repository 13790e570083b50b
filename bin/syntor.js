#!/usr/bin/env node
// The CLI is TypeScript run by tsx, as every other script here: no build step between an edit and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
const { runMain } = await import('../lib/cli/runMain.ts');
runMain((argv) => main(argv));
