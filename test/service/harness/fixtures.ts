import { put } from './http';

/** A complete title body as the catalogue team sends it. */
export function titleBody(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'movie',
    name,
    synopsis: `${name}: a film about testing`,
    releaseYear: 2001,
    runtimeMinutes: 120,
    genres: ['drama'],
    credits: [{ personId: 'ada-lovelace', name: 'Ada Lovelace', role: 'director', character: null }],
    availability: [{ region: 'GB', startsAt: '2024-01-01T00:00:00Z', endsAt: null }],
    ...overrides,
  };
}

/** Creates a title through the API and returns its version. */
export async function createTitle(url: string, id: string, overrides: Record<string, unknown> = {}): Promise<number> {
  const reply = await put(`${url}/v1/titles/${id}`, titleBody(id, overrides));
  if (reply.status !== 201) throw new Error(`PUT ${id}: ${reply.status} ${reply.text}`);
  return reply.body.version as number;
}

/** Runs fn over items with at most `limit` at a time. */
export async function inBatches<T>(items: T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(fn));
}

/** Waits until the service's (unawaited) cache fill of `key` has landed: the key holds a value, not a fence. */
export async function untilFilled(redis: { get(key: string): Promise<string | null> }, key: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await redis.get(`sfx:v1:${key}`);
    if (value !== null && !value.startsWith('~')) return;
    if (Date.now() > deadline) throw new Error(`cache entry ${key} was not filled within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
