export interface BundleRequest {
  /** Absolute path of the handler module (TypeScript or JavaScript). */
  readonly entry: string;
  /**
   * Puts the bundle in a sub-folder of the asset, e.g. `migrate` → `migrate/index.mjs`, for modules that
   * find files relative to `import.meta.url`.
   * @default - the asset root
   */
  readonly subdirectory?: string;
  /**
   * Directories copied into the asset beside the bundle: `{ from: absolute path, to: path in the asset }`.
   * @default - none
   */
  readonly copy?: readonly { readonly from: string; readonly to: string }[];
}

export interface Bundle {
  readonly entry: string;
  /** Asset directory, named by a hash of its content: identical bundles share one asset. */
  readonly directory: string;
  /** The Lambda handler's module part, e.g. `index` or `migrate/index`. */
  readonly module: string;
  /** Minified bundle size in bytes (the code Lambda loads; copied files not included). */
  readonly bytes: number;
  /** Packages shipped as node modules beside the bundle instead of in it (see `SHIPPED_PACKAGES`). */
  readonly shippedPackages: readonly string[];
  /** npm packages with code in the bundle, sorted (from esbuild's metafile): what a size check looks at. */
  readonly packages: readonly string[];
}

/** Every bundle the app needs, built before the constructs that use them. */
export interface BundleCatalog {
  /** @throws Error naming the entry when it was not bundled. */
  get(entry: string): Bundle;
  readonly bundles: readonly Bundle[];
  /** Wall time of the one esbuild run that built them all. */
  readonly buildMs: number;
}
