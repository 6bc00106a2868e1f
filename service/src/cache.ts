import { randomBytes } from 'crypto';
import type Redis from 'ioredis';

/** A cached representation: its ETag and its serialized JSON body. */
export interface Entry {
  readonly etag: string;
  readonly body: string;
}

export interface CacheTtls {
  /** Seconds a document stays cached (jittered up to +20%). @default 300 */
  readonly documentSeconds?: number;
  /** Seconds a list or search page stays cached. @default 60 */
  readonly listSeconds?: number;
  /** Seconds a 404 is remembered. @default 5 */
  readonly notFoundSeconds?: number;
}

const PREFIX = 'sfx:v1:';
const LIST_GENERATION_KEY = `${PREFIX}gen:lists`;
const NOT_FOUND = '!';
const FENCE = '~';
/** A fence outlives any read that started before it (bounded by the statement timeout). */
const FENCE_SECONDS = 60;
/** How long a finished load keeps answering misses that saw the same key state. */
const COALESCE_GRACE_MS = 1000;

/**
 * Fill only if the key still holds what the reader saw when it missed (nothing, or a writer's fence). A
 * write commits, then replaces the key with a new fence: a reader that loaded the old row before the commit
 * then finds a different value and its fill is dropped, so a stale document never lands after the write.
 */
const FILL = `local cur = redis.call('GET', KEYS[1])
if (cur == false and ARGV[1] == '') or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) return 1 end
return 0`;

/** Lists and search pages live under a generation number that every title write bumps. */
const LIST_READ = `local g = redis.call('GET', KEYS[1])
if not g then
  local t = redis.call('TIME')
  redis.call('SET', KEYS[1], t[1] .. string.format('%06d', t[2]), 'NX')
  g = redis.call('GET', KEYS[1])
end
local v = redis.call('GET', KEYS[2] .. g .. ':' .. ARGV[1])
if v then return {g, v} end
return {g}`;

const LIST_FILL = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[2] .. ARGV[1] .. ':' .. ARGV[2], ARGV[3], 'EX', ARGV[4]) return 1 end
return 0`;

/** A fresh generation never reuses an old one, even if the counter was evicted or Redis restarted empty. */
const LIST_BUMP = `if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCR', KEYS[1]) end
local t = redis.call('TIME')
redis.call('SET', KEYS[1], t[1] .. string.format('%06d', t[2]))
return 1`;

type Scripts = Redis & {
  sfxFill(key: string, observed: string, value: string, ttl: number): Promise<number>;
  sfxListRead(genKey: string, listPrefix: string, suffix: string): Promise<[string, string?]>;
  sfxListFill(genKey: string, listPrefix: string, gen: string, suffix: string, value: string, ttl: number): Promise<number>;
  sfxListBump(genKey: string): Promise<number>;
};

export interface CacheStats {
  hits: number;
  misses: number;
  /** Loads that actually ran (a coalesced miss waits for another's load). */
  loads: number;
  errors: number;
}

/**
 * Cache-aside over Redis for the API's representations: TTL with jitter, in-process coalescing of
 * concurrent misses, short negative caching of 404s, fenced invalidation after commit, and a bypass to
 * the loader whenever Redis is unreachable or slow.
 */
export class MetadataCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, loads: 0, errors: 0 };
  private readonly inFlight = new Map<string, Promise<Entry | null>>();
  private readonly redis: Scripts | undefined;
  private readonly ttl: Required<CacheTtls>;
  /** Invalidations that could not be applied after their commit: until they are, this task does not trust the cache. */
  private pending: { keys: Set<string>; lists: boolean } | undefined;
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(redis: Redis | undefined, ttls: CacheTtls = {}) {
    this.ttl = { documentSeconds: ttls.documentSeconds ?? 300, listSeconds: ttls.listSeconds ?? 60, notFoundSeconds: ttls.notFoundSeconds ?? 5 };
    if (redis) {
      redis.defineCommand('sfxFill', { numberOfKeys: 1, lua: FILL });
      redis.defineCommand('sfxListRead', { numberOfKeys: 2, lua: LIST_READ });
      redis.defineCommand('sfxListFill', { numberOfKeys: 2, lua: LIST_FILL });
      redis.defineCommand('sfxListBump', { numberOfKeys: 1, lua: LIST_BUMP });
      this.redis = redis as Scripts;
    }
  }

  /** True when writes can be acknowledged with their invalidation applied. */
  get writable(): boolean {
    return !this.redis || this.redis.status === 'ready';
  }

  /** A document (title, seasons, episodes): null is a 404, cached briefly. */
  async document(key: string, load: () => Promise<Entry | null>): Promise<Entry | null> {
    const redis = this.usable();
    if (!redis) return load();
    const fullKey = PREFIX + key;
    let observed: string | null;
    try {
      observed = await redis.get(fullKey);
    } catch {
      this.stats.errors++;
      return load();
    }
    if (observed !== null && observed[0] !== FENCE) {
      this.stats.hits++;
      return observed === NOT_FOUND ? null : decode(observed);
    }
    this.stats.misses++;
    const seen = observed ?? '';
    return this.coalesce(`${fullKey}|${seen}`, load, (entry) => {
      const ttl = entry ? jitter(this.ttl.documentSeconds) : this.ttl.notFoundSeconds;
      return redis.sfxFill(fullKey, seen, entry ? encode(entry) : NOT_FOUND, ttl);
    });
  }

  /** A list or search page, keyed by its normalized query. */
  async list(query: string, load: () => Promise<Entry>): Promise<Entry> {
    const redis = this.usable();
    if (!redis) return load();
    const listPrefix = `${PREFIX}list:`;
    let gen: string;
    try {
      const [g, value] = await redis.sfxListRead(LIST_GENERATION_KEY, listPrefix, query);
      if (value !== undefined) {
        this.stats.hits++;
        return decode(value);
      }
      gen = g;
    } catch {
      this.stats.errors++;
      return load();
    }
    this.stats.misses++;
    const entry = await this.coalesce(`${listPrefix}${gen}:${query}`, load, (e) =>
      redis.sfxListFill(LIST_GENERATION_KEY, listPrefix, gen, query, encode(e!), jitter(this.ttl.listSeconds)),
    );
    return entry!;
  }

  /**
   * After a commit: fence the changed documents and, for title writes, move lists and search to a new
   * generation. Throws when Redis cannot be told; the invalidation is then retried in the background and
   * this task reads around the cache until it succeeds.
   */
  async invalidate(keys: readonly string[], lists: boolean): Promise<void> {
    for (const key of keys)
      this.inFlight.forEach((_, k) => {
        if (k.startsWith(`${PREFIX}${key}|`)) this.inFlight.delete(k);
      });
    if (!this.redis) return;
    try {
      await this.applyWithRetries(new Set(keys), lists);
    } catch (error) {
      this.pending ??= { keys: new Set(), lists: false };
      for (const key of keys) this.pending.keys.add(key);
      this.pending.lists ||= lists;
      this.scheduleFlush();
      throw error;
    }
  }

  close(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }

  /** A command that timed out (a busy Redis) is retried a few times before the write is reported as pending. */
  private async applyWithRetries(keys: Set<string>, lists: boolean): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.apply(keys, lists);
      } catch (error) {
        if (attempt >= 5 || this.redis!.status !== 'ready') throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
      }
    }
  }

  private async apply(keys: Set<string>, lists: boolean): Promise<void> {
    const redis = this.redis!;
    const multi = redis.multi();
    for (const key of keys) multi.set(PREFIX + key, FENCE + randomBytes(8).toString('base64url'), 'EX', FENCE_SECONDS);
    if (lists) (multi as unknown as Scripts).sfxListBump(LIST_GENERATION_KEY);
    const results = await multi.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('invalidation not applied');
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      const pending = this.pending;
      if (!pending) return;
      this.apply(pending.keys, pending.lists)
        .then(() => {
          if (this.pending === pending) this.pending = undefined;
        })
        .catch(() => this.scheduleFlush());
    }, 200);
    this.flushTimer.unref();
  }

  private usable(): Scripts | undefined {
    if (!this.redis || this.pending || this.redis.status !== 'ready') return undefined;
    return this.redis;
  }

  private coalesce(flightKey: string, load: () => Promise<Entry | null>, fill: (entry: Entry | null) => Promise<unknown>): Promise<Entry | null> {
    const existing = this.inFlight.get(flightKey);
    if (existing) return existing;
    this.stats.loads++;
    const forget = () => {
      if (this.inFlight.get(flightKey) === flight) this.inFlight.delete(flightKey);
    };
    const flight = load().then(
      (entry) => {
        // The response does not wait for the fill, but later misses keep joining this flight until the fill has
        // landed (they saw the same key state, so its result is as fresh as theirs would be).
        // A miss whose GET was answered before the fill landed can arrive just after it: the flight stays for a short
        // grace so that such misses, which saw the same key state, still cost no query (a write clears it at once).
        fill(entry)
          .catch(() => {
            this.stats.errors++;
          })
          .finally(() => setTimeout(forget, COALESCE_GRACE_MS).unref());
        return entry;
      },
      (error) => {
        forget();
        throw error;
      },
    );
    this.inFlight.set(flightKey, flight);
    return flight;
  }
}

function encode(entry: Entry): string {
  return `${entry.etag}\n${entry.body}`;
}

function decode(value: string): Entry {
  const newline = value.indexOf('\n');
  return { etag: value.slice(0, newline), body: value.slice(newline + 1) };
}

function jitter(seconds: number): number {
  return Math.max(1, Math.round(seconds * (1 + Math.random() * 0.2)));
}
