/**
 * The benchmark's ceiling: a bare Fastify route returning a constant JSON body the size of a title
 * document, serialized by its response schema; no logging, no hooks, no I/O.
 */
import fastify from 'fastify';
import { titleDocument } from '../../service/src/schemas';

const body = {
  id: 't000001',
  type: 'movie',
  name: 'Title 1 aurora',
  synopsis: 'A story of aurora and harbour, told twice.',
  releaseYear: 1991,
  runtimeMinutes: 101,
  genres: ['drama', 'sci-fi'],
  credits: Array.from({ length: 5 }, (_, i) => ({
    personId: `p${i}`,
    name: `Person ${i}`,
    role: i ? 'actor' : 'director',
    character: i ? `Role ${i}` : null,
  })),
  availability: [
    { region: 'GB', startsAt: '2024-01-01T00:00:00+00:00', endsAt: null },
    { region: 'US', startsAt: '2024-01-01T00:00:00+00:00', endsAt: null },
  ],
  version: 1,
  updatedAt: '2026-01-01T00:00:00+00:00',
};

const app = fastify({ logger: false });
app.get('/constant', { schema: { response: { 200: titleDocument } } }, async () => body);
app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) }).then(() => process.stdout.write('listening\n'));
