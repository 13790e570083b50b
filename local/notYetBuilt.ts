// Placeholder for scripts whose issue has not landed yet: says so plainly and exits non-zero.
const [what = 'this command', issue = '?'] = process.argv.slice(2);
console.error(`npm run ${what}: not yet built (tracked in issue #${issue}).`);
process.exit(1);
