import { describe, expect, it } from 'vitest';
import { decideStorage, parseProperties, topicsInDataDir } from '../../../local/services/storageDecision.js';

/** meta.properties as `kafka.tools.StorageTool format` writes it. */
const META = '#\n#Mon Dec 07 01:23:05 UTC 2026\nnode.id=1\ndirectory.id=XksDGEK84mz82swQXUExcg\nversion=1\ncluster.id=YIkKc15SRVOA4KCBfYbSYA\n';

describe('decideStorage', () => {
  it('formats a data dir that does not exist yet (a fresh clone, or after reset)', () => {
    expect(decideStorage({ exists: false, entries: [] })).toEqual({ action: 'format', clearFirst: false });
  });

  it('formats an empty data dir in place', () => {
    expect(decideStorage({ exists: true, entries: [] })).toEqual({ action: 'format', clearFirst: false });
  });

  it('clears, then formats, what a format cut short left without meta.properties', () => {
    expect(decideStorage({ exists: true, entries: ['__cluster_metadata-0'] })).toEqual({ action: 'format', clearFirst: true });
  });

  it('reuses a formatted data dir with the cluster id it was formatted with, never formatting again', () => {
    // Prepare
    const listing = { exists: true, entries: ['meta.properties', 'orders-0', '.kafka_cleanshutdown'], metaProperties: META };

    // Act
    const decision = decideStorage(listing);

    // Assess
    expect(decision).toEqual({ action: 'reuse', clusterId: 'YIkKc15SRVOA4KCBfYbSYA', cleanShutdown: true });
  });

  it('notices a data dir left by a kill -9, a crash or a power loss: the broker will recover its logs', () => {
    const decision = decideStorage({ exists: true, entries: ['meta.properties', 'orders-0'], metaProperties: META });

    expect(decision).toMatchObject({ action: 'reuse', cleanShutdown: false });
  });

  it.each([
    ['an empty meta.properties', ''],
    ['a meta.properties without cluster.id', 'node.id=1\nversion=1\n'],
    ['a blank cluster.id', 'cluster.id=\n'],
  ])('refuses %s rather than format over data', (_, metaProperties) => {
    const decision = decideStorage({ exists: true, entries: ['meta.properties', 'orders-0'], metaProperties });

    expect(decision).toEqual({ action: 'refuse', reason: 'its meta.properties has no cluster.id' });
  });
});

describe('parseProperties', () => {
  it('reads key=value lines, skipping comments and blank lines', () => {
    expect(parseProperties('# c\n! c\n\nnode.id = 1\r\ncluster.id=a=b\n')).toEqual({ 'node.id': '1', 'cluster.id': 'a=b' });
  });
});

describe('topicsInDataDir', () => {
  it('counts each user topic once, whatever its partition count, and topics whose names hold dashes', () => {
    const entries = ['meta.properties', 'orders-0', 'orders-1', 'orders-2', 'it-harness-1a2b3c4d-0', 'syntor.tasks-0'];

    expect(topicsInDataDir(entries)).toEqual(['it-harness-1a2b3c4d', 'orders', 'syntor.tasks']);
  });

  it('leaves out internal topics, partitions being deleted or moved, and Kafka’s own files', () => {
    const entries = [
      '__cluster_metadata-0',
      '__consumer_offsets-49',
      'gone-0.0f1e2d3c4b5a69788796a5b4c3d2e1f0-delete',
      'moving-0.0f1e2d3c4b5a69788796a5b4c3d2e1f0-future',
      '.kafka_cleanshutdown',
      '.lock',
      'bootstrap.checkpoint',
      'cleaner-offset-checkpoint',
      'log-start-offset-checkpoint',
      'recovery-point-offset-checkpoint',
      'replication-offset-checkpoint',
    ];

    expect(topicsInDataDir(entries)).toEqual([]);
  });
});
