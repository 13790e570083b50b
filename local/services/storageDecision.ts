/** What a look at the broker's data dir found; {@link readDataDir} gathers it. */
export interface DataDirListing {
  readonly exists: boolean;
  /** Names directly inside the data dir. */
  readonly entries: readonly string[];
  /** The text of `meta.properties`, when there is one. */
  readonly metaProperties?: string;
}

export type StorageDecision =
  /** Formatted before: start on it as it is, with the cluster id it was formatted with. */
  | { readonly action: 'reuse'; readonly clusterId: string; readonly cleanShutdown: boolean }
  /** Never formatted. `clearFirst` when a format was cut short and left files behind. */
  | { readonly action: 'format'; readonly clearFirst: boolean }
  /** meta.properties is there but unusable: only a person may decide to throw the data away. */
  | { readonly action: 'refuse'; readonly reason: string };

/** Kafka writes this on a controlled shutdown; its absence means the next start recovers the logs. */
export const CLEAN_SHUTDOWN_FILE = '.kafka_cleanshutdown';

/** `key=value` lines of a Java properties file as written by Kafka (no continuations, no escapes). */
export function parseProperties(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('!')) continue;
    const at = trimmed.indexOf('=');
    if (at > 0) properties[trimmed.slice(0, at).trim()] = trimmed.slice(at + 1).trim();
  }
  return properties;
}

/**
 * Format or reuse: KRaft storage is formatted exactly once, because formatting again would give the
 * node a new cluster id and orphan every topic and offset already on disk.
 *
 * @example
 * decideStorage({ exists: true, entries: ['meta.properties'], metaProperties: 'cluster.id=abc\n' });
 * // { action: 'reuse', clusterId: 'abc', cleanShutdown: false }
 */
export function decideStorage(listing: DataDirListing): StorageDecision {
  if (listing.metaProperties === undefined) {
    return { action: 'format', clearFirst: listing.exists && listing.entries.length > 0 };
  }
  const clusterId = parseProperties(listing.metaProperties)['cluster.id'];
  if (clusterId === undefined || clusterId === '') {
    return { action: 'refuse', reason: 'its meta.properties has no cluster.id' };
  }
  return { action: 'reuse', clusterId, cleanShutdown: listing.entries.includes(CLEAN_SHUTDOWN_FILE) };
}

/**
 * The user topics among a data dir's entries: one `<topic>-<partition>` folder per partition. Internal
 * topics (`__consumer_offsets`, `__cluster_metadata`) and folders of deleted or moving partitions
 * (`…-delete`, `…-future`, `…-stray`) are not counted.
 *
 * @example
 * topicsInDataDir(['orders-0', 'orders-1', '__consumer_offsets-0', 'meta.properties']); // ['orders']
 */
export function topicsInDataDir(entries: readonly string[]): string[] {
  const topics = new Set<string>();
  for (const entry of entries) {
    const match = /^(.+)-(\d+)$/.exec(entry);
    if (match?.[1] !== undefined && !match[1].startsWith('__')) topics.add(match[1]);
  }
  return [...topics].sort();
}
