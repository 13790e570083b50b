import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A CGI request that runs longer than this is killed. */
const CGI_KILL_AFTER_MS = 30_000;
const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';
const GIT_IDENTITY = ['-c', 'user.name=Test Author', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false'];

/** Runs the machine's `git` with an argument array (never a shell), bounded in time. */
export async function gitCli(args: readonly string[], cwd?: string): Promise<string> {
  const { stdout } = await run('git', [...GIT_IDENTITY, ...args], { cwd, timeout: 20_000, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1' } });
  return stdout.trim();
}

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** Directory holding the bare repositories (`<name>.git`). */
  root: string;
  /** Every Authorization header the server received, to prove what a client sent. */
  authorizations: string[];
  /** Creates `<name>.git` with one commit on `main` holding `files`; returns its URL. */
  createRepository(name: string, files: Record<string, string>): Promise<string>;
  /** Adds a commit to `branch` of a served repository (as another person pushing), returns its id. */
  commitUpstream(name: string, branch: string, files: Record<string, string>, message?: string): Promise<string>;
  /** Commit ids of `ref` in a served repository, newest first. */
  log(name: string, ref?: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Whether the request carries HTTP Basic credentials whose password is `token`. */
function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString();
  return decoded.slice(decoded.indexOf(':') + 1) === token;
}

function serveCgi(root: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const child = spawn(HTTP_BACKEND, [], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      REQUEST_METHOD: req.method ?? 'GET',
      QUERY_STRING: url.search.replace(/^\?/, ''),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
      ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
      ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      REMOTE_USER: 'test',
      REMOTE_ADDR: '127.0.0.1',
    },
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), CGI_KILL_AFTER_MS);
  child.on('close', () => clearTimeout(killer));
  child.on('error', () => {
    clearTimeout(killer);
    if (!res.headersSent) res.writeHead(500).end('cannot run git http-backend');
  });
  req.pipe(child.stdin);
  child.stdin.on('error', () => undefined);

  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const crlf = head.indexOf('\r\n\r\n');
    const lf = head.indexOf('\n\n');
    const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf : lf;
    if (end < 0) return;
    const sep = end === crlf ? 4 : 2;
    let status = 200;
    for (const line of head.subarray(0, end).toString().split(/\r?\n/)) {
      const at = line.indexOf(':');
      const name = line.slice(0, at).trim();
      const value = line.slice(at + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else if (name) res.setHeader(name, value);
    }
    res.writeHead(status);
    headersDone = true;
    res.write(head.subarray(end + sep));
  });
  child.stdout.on('end', () => {
    if (!headersDone && !res.headersSent) res.writeHead(502);
    res.end();
  });
}

/**
 * A real smart-HTTP git server: `git http-backend` run as CGI per request behind node:http on
 * 127.0.0.1 (port 0), push enabled; with `token`, every request needs HTTP Basic with that password.
 */
export async function startGitHttpServer(options: { token?: string } = {}): Promise<GitHttpServer> {
  const root = await mkdtemp(join(tmpdir(), 'syntor-git-server-'));
  const scratch = await mkdtemp(join(tmpdir(), 'syntor-git-upstream-'));
  const authorizations: string[] = [];
  const server: Server = createServer((req, res) => {
    if (req.headers.authorization) authorizations.push(req.headers.authorization);
    if (options.token !== undefined && !authorized(req, options.token)) {
      req.resume();
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test"' }).end('credentials needed');
      return;
    }
    serveCgi(root, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bare = (name: string) => join(root, `${name}.git`);

  const writeFiles = async (dir: string, files: Record<string, string>) => {
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
  };

  return {
    base,
    root,
    authorizations,
    async createRepository(name, files) {
      await gitCli(['init', '--bare', '--initial-branch=main', bare(name)]);
      await gitCli(['--git-dir', bare(name), 'config', 'http.receivepack', 'true']);
      const work = join(scratch, name);
      await gitCli(['clone', bare(name), work]);
      await writeFiles(work, files);
      await gitCli(['add', '--all'], work);
      await gitCli(['commit', '-m', 'initial commit'], work);
      await gitCli(['push', 'origin', 'HEAD:main'], work);
      return `${base}/${name}.git`;
    },
    async commitUpstream(name, branch, files, message = `upstream change on ${branch}`) {
      const work = join(scratch, name);
      await gitCli(['fetch', 'origin'], work);
      const exists = (await gitCli(['ls-remote', '--heads', 'origin', branch], work)) !== '';
      await gitCli(['checkout', '-B', branch, exists ? `origin/${branch}` : 'origin/main'], work);
      await writeFiles(work, files);
      await gitCli(['add', '--all'], work);
      await gitCli(['commit', '-m', message], work);
      await gitCli(['push', 'origin', `HEAD:${branch}`], work);
      return gitCli(['rev-parse', 'HEAD'], work);
    },
    async log(name, ref = 'main') {
      const out = await gitCli(['--git-dir', bare(name), 'log', '--format=%H', ref]);
      return out === '' ? [] : out.split('\n');
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([rm(root, { recursive: true, force: true }), rm(scratch, { recursive: true, force: true })]);
    },
  };
}
