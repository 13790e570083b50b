import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lib/config/index.js';
import { ensureServices, ServicesUnavailableError } from '../../../local/services/index.js';

describe('ensureServices', () => {
  it('reuses the running broker and starts nothing twice', async () => {
    const lines: string[] = [];
    const services = await ensureServices({ config: loadConfig(), required: true, log: (l) => lines.push(l) });

    expect(services.startedKafka).toBe(false);
    expect(lines.join('\n')).toMatch(/Kafka is already reachable/);
    await services.stop(); // stops nothing it did not start: the next tests still have their broker
  });

  it('fails, never skips, when a service is missing, naming it, the address and the fix', async () => {
    // Nothing listens on port 1; the machine's own cluster is on another port, so nothing can be started.
    const config = loadConfig({ ...process.env, SYNTOR_POSTGRES_PORT: '1' });

    const attempt = ensureServices({ config, required: true, log: () => undefined });

    await expect(attempt).rejects.toThrow(ServicesUnavailableError);
    await expect(attempt).rejects.toMatchObject({ service: 'postgres' });
    await expect(attempt).rejects.toThrow(/PostgreSQL is required \(CI=true\)[\s\S]*127\.0\.0\.1:1[\s\S]*To fix/);
  });
});
