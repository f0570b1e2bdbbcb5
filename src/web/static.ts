// Static assets served by us (no CDN): our CSS and scripts from src/web/static/, and KaTeX's CSS
// and woff2 fonts from node_modules. Loaded once at start, gzipped once, served with ETags;
// a URL carrying the current content hash (?v=) is cached for a year.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** How long a browser may keep an asset whose URL names its content hash. */
export const assetCacheMaxAgeS = 365 * 24 * 3600;
/** Longest ?v= query accepted on an asset URL. */
export const assetVersionLengthMax = 64;
export const staticPrefix = '/static/';
/** Budget for every script and stylesheet we serve (a superset of the question page's), gzipped, fonts excluded. */
export const scriptsAndStylesGzipBytesMax = 150 * 1024;

export interface Asset { path: string; type: string; body: Buffer; gzip: Buffer | null; hash: string }

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
};
const ownDir = join(dirname(fileURLToPath(import.meta.url)), 'static');
const katexDir = dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'));

function makeAsset(path: string, file: string): Asset {
  const body = readFileSync(file);
  const type = types[extname(file)] ?? 'application/octet-stream';
  const gzip = type.startsWith('font/') ? null : gzipSync(body, { level: 9 });
  return { path, type, body, gzip, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const add = (path: string, file: string) => assets.set(path, makeAsset(path, file));
  for (const name of readdirSync(ownDir)) if (types[extname(name)]) add(`${staticPrefix}${name}`, join(ownDir, name));
  add(`${staticPrefix}katex/katex.min.css`, join(katexDir, 'katex.min.css'));
  for (const name of readdirSync(join(katexDir, 'fonts')).filter((n) => n.endsWith('.woff2'))) {
    add(`${staticPrefix}katex/fonts/${name}`, join(katexDir, 'fonts', name));
  }
  return assets;
}

/** Every asset by URL path, loaded when this module is first imported. */
export const assets: ReadonlyMap<string, Asset> = loadAssets();

/** The URL of an asset under /static/, with its content hash so it can be cached for good. */
export function assetUrl(name: string): string {
  const asset = assets.get(staticPrefix + name);
  if (!asset) throw new Error(`no static asset "${name}" in src/web/static/: add the file or fix the name`);
  return `${asset.path}?v=${asset.hash}`;
}

/** Sends an asset: gzipped when the client accepts it, 304 when its ETag matches. */
export function sendAsset(req: FastifyRequest, reply: FastifyReply, asset: Asset, version: string | undefined): FastifyReply {
  const etag = `"${asset.hash}"`;
  reply.header('etag', etag).header('vary', 'accept-encoding').type(asset.type);
  reply.header('cache-control', version === asset.hash ? `public, max-age=${assetCacheMaxAgeS}, immutable` : 'no-cache');
  if (req.headers['if-none-match'] === etag) return reply.code(304).send();
  if (asset.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    return reply.header('content-encoding', 'gzip').send(asset.gzip);
  }
  return reply.send(asset.body);
}

export function staticRoutes(app: FastifyInstance): void {
  app.get<{ Params: { '*': string }; Querystring: { v?: string } }>(`${staticPrefix}*`, {
    schema: {
      hide: true,
      params: { type: 'object', properties: { '*': { type: 'string', maxLength: 200 } } },
      querystring: { type: 'object', additionalProperties: false, properties: { v: { type: 'string', maxLength: assetVersionLengthMax } } },
    },
  }, async (req, reply) => {
    const asset = assets.get(staticPrefix + req.params['*']);
    if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('No such file: reload the page to get current links');
    return sendAsset(req, reply, asset, req.query.v);
  });
}
