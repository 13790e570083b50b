/** Limits on what one generation reads, so a huge repository cannot exhaust memory or the time budget. */
export const SOURCE_LIMITS = {
  /** A larger source file is skipped (with a note): generated bundles, vendored blobs. */
  maxFileBytes: 512 * 1024,
  /** Reading stops here (with a note); modules read so far are documented. */
  maxTotalBytes: 32 * 1024 * 1024,
  maxFiles: 5_000,
} as const;

/** Directories never documented: dependencies, build output, tests, VCS metadata. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  '.git', 'node_modules', 'vendor', 'dist', 'build', 'out', 'coverage', 'third_party',
  '__pycache__', '.venv', 'venv', 'site-packages', '.tox', 'testdata',
  'test', 'tests', '__tests__', 'spec', 'fixtures',
]);

/** Summaries: at most this many modules per generation, this long per call, this many at once. */
export const SUMMARY_LIMITS = {
  maxModules: 20,
  timeoutMs: 30_000,
  concurrency: 2,
  /** The rendered module sent to the model is cut here (characters). */
  maxInputChars: 12_000,
} as const;

/** Progress goes out at most this often during a generation (each report is a Kafka message). */
export const PROGRESS_INTERVAL_MS = 1_000;
