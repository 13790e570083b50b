import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KAFKA_POM_PATH, KAFKA_VERSION } from '../../../local/services/constants.js';
import { kafkaJarsDir, kafkaStatePaths, resolveCacheDir } from '../../../local/services/paths.js';

describe('resolveCacheDir', () => {
  it.each([
    ['SYNTOR_CACHE_DIR first', { SYNTOR_CACHE_DIR: '/cache/syntor-ci', XDG_CACHE_HOME: '/xdg' }, '/cache/syntor-ci'],
    ['then $XDG_CACHE_HOME/syntor', { XDG_CACHE_HOME: '/xdg' }, '/xdg/syntor'],
    ['then ~/.cache/syntor', {}, '/home/dev/.cache/syntor'],
    ['ignoring a relative XDG_CACHE_HOME, as the XDG spec says', { XDG_CACHE_HOME: 'rel/cache' }, '/home/dev/.cache/syntor'],
    ['ignoring empty variables', { SYNTOR_CACHE_DIR: '', XDG_CACHE_HOME: '' }, '/home/dev/.cache/syntor'],
  ])('uses %s', (_, env, expected) => {
    expect(resolveCacheDir(env, '/home/dev')).toBe(expected);
  });

  it('makes a relative SYNTOR_CACHE_DIR absolute', () => {
    expect(resolveCacheDir({ SYNTOR_CACHE_DIR: 'cache' }, '/home/dev')).toBe(`${process.cwd()}/cache`);
  });
});

describe('kafkaJarsDir', () => {
  it('keeps one folder per Kafka version', () => {
    expect(kafkaJarsDir('/home/dev/.cache/syntor', '4.1.1')).toBe('/home/dev/.cache/syntor/kafka-4.1.1/jars');
  });
});

describe('kafkaStatePaths', () => {
  it('keeps the runtime files under .syntor/kafka of the repository', () => {
    const paths = kafkaStatePaths('/repo');

    expect(paths).toMatchObject({
      dir: '/repo/.syntor/kafka',
      pidFile: '/repo/.syntor/kafka/kafka.pid',
      serverProperties: '/repo/.syntor/kafka/server.properties',
      brokerLog: '/repo/.syntor/kafka/broker.log',
      dataDir: '/repo/.syntor/kafka/data',
    });
  });
});

describe('local/kafka/pom.xml', () => {
  it('asks for the Kafka version the cache folder is named after', () => {
    const pom = readFileSync(KAFKA_POM_PATH, 'utf8');

    expect(pom).toContain(`<kafka.version>${KAFKA_VERSION}</kafka.version>`);
    expect(pom).toMatch(/<artifactId>kafka_2\.13<\/artifactId>\s*<version>\$\{kafka\.version\}<\/version>/);
  });

  it('brings the slf4j 1.7 binding for log4j, not the slf4j2 one', () => {
    const pom = readFileSync(KAFKA_POM_PATH, 'utf8');

    expect(pom).toContain('<artifactId>log4j-slf4j-impl</artifactId>');
    expect(pom).toContain('<artifactId>log4j-core</artifactId>');
    expect(pom).not.toContain('log4j-slf4j2-impl</artifactId>');
  });
});
