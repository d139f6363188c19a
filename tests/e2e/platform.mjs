// The standalone sandbox as the platform a configured account points at: a separate
// process the campaign tests can stop (the platform is unreachable) and start again on
// the same port with the same database (it is back, with everything it had).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Starts `stardesk-sandbox` on `port` over the SQLite file `db`; resolves once it listens.
 * With `control`, its loopback-only `/control` routes move the brands and the parcels.
 */
export async function startPlatform(bin, { port, db, token, control = false }) {
  const args = ['--port', String(port), '--db', db, '--token', token];
  if (control) args.push('--control');
  const child = spawn(bin, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('stardesk-sandbox did not listen within 120 s')), 120000);
    child.once('error', (e) => reject(new Error(`cannot start ${bin}: ${e.message}`)));
    child.once('exit', (code) => reject(new Error(`stardesk-sandbox exited (${code}) before listening`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = line.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Every application the platform holds for the token's creator, read over its API. */
export async function applicationsOn(url, token) {
  const items = [];
  let cursor = '';
  for (;;) {
    const q = new URLSearchParams({ limit: '200' });
    if (cursor) q.set('cursor', cursor);
    const res = await fetch(`${url}/v1/applications?${q}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`GET /v1/applications: ${res.status} ${await res.text()}`);
    const page = await res.json();
    items.push(...page.items);
    if (!page.has_more) return items;
    cursor = page.next_cursor;
  }
}

/** `POST /control/<path>` of a sandbox started with `control`; its JSON answer. */
export async function controlPost(url, token, path, body = {}) {
  const res = await fetch(`${url}/control/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST /control/${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
