import { describe, expect, it } from 'vitest';
import { ConfigInvalidError, loadConfig } from '../../../lib/config/index.js';
import { kafkaNodeAddresses, renderServerProperties } from '../../../local/services/serverProperties.js';

const propertiesOf = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

describe('renderServerProperties', () => {
  it('writes exactly the single-node KRaft settings of KAFKA-NATIVE.md', () => {
    // Prepare
    const settings = { host: '127.0.0.1', brokerPort: 9092, controllerPort: 9093, logDir: '/tmp/kafka-data-1' };

    // Act
    const properties = propertiesOf(renderServerProperties(settings));

    // Assess
    expect(properties).toEqual({
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': '1@127.0.0.1:9093',
      listeners: 'PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:9092',
      'inter.broker.listener.name': 'PLAINTEXT',
      'controller.listener.names': 'CONTROLLER',
      'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      'log.dirs': '/tmp/kafka-data-1',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
      'auto.create.topics.enable': 'false',
    });
  });

  it('uses the given ports everywhere', () => {
    const text = renderServerProperties({ host: '127.0.0.1', brokerPort: 19092, controllerPort: 19093, logDir: '/d' });

    expect(text).toContain('listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093\n');
    expect(text).toContain('advertised.listeners=PLAINTEXT://127.0.0.1:19092\n');
    expect(text).toContain('controller.quorum.voters=1@127.0.0.1:19093\n');
    expect(text).not.toMatch(/:909[23]\b/);
  });

  it('escapes backslashes in log.dirs, which Java properties read as escapes', () => {
    const text = renderServerProperties({ host: '127.0.0.1', brokerPort: 9092, controllerPort: 9093, logDir: 'C:\\k\\d' });

    expect(text).toContain('log.dirs=C:\\\\k\\\\d\n');
  });
});

describe('kafkaNodeAddresses', () => {
  it('takes host and port from the first configured broker, controller 9093 by default', () => {
    const config = loadConfig({ SYNTOR_KAFKA_BROKERS: '127.0.0.1:29092,127.0.0.1:39092' });

    expect(kafkaNodeAddresses(config, {})).toEqual({ host: '127.0.0.1', brokerPort: 29092, controllerPort: 9093 });
  });

  it('defaults to 127.0.0.1:9092', () => {
    expect(kafkaNodeAddresses(loadConfig({}), {})).toEqual({ host: '127.0.0.1', brokerPort: 9092, controllerPort: 9093 });
  });

  it('takes the controller port from SYNTOR_KAFKA_CONTROLLER_PORT', () => {
    const addresses = kafkaNodeAddresses(loadConfig({}), { SYNTOR_KAFKA_CONTROLLER_PORT: '19093' });

    expect(addresses.controllerPort).toBe(19093);
  });

  it.each([
    ['not a number', 'abc'],
    ['out of range', '70000'],
    ['not an integer', '9093.5'],
    ['the broker port', '9092'],
  ])('rejects a controller port that is %s', (_, value) => {
    const act = () => kafkaNodeAddresses(loadConfig({}), { SYNTOR_KAFKA_CONTROLLER_PORT: value });

    expect(act).toThrow(ConfigInvalidError);
    expect(act).toThrow(/SYNTOR_KAFKA_CONTROLLER_PORT/);
  });
});
