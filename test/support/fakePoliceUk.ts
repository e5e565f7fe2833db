import { mulberry32 } from '../../src/demo/crimeGenerator';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { AreaGeometry, bboxOf, containsPoint, outerRings, parsePolicePoly, Ring, toPolicePoly } from '../../src/sources/geo';
import type { PoliceCrime } from '../../src/sources/policeUk/client';
import { POLICE_CATEGORIES } from '../../src/domain/crime/categories';

/** A ward the fake scatters generated crimes over. */
export interface FakeWard {
  code: string;
  geometry: AreaGeometry;
}

export interface FakePoliceUkOptions {
  /** Folder of real June 2018 responses (E05…json) and the ward polys they answer (ward-polys-police-api.json). */
  real?: { dir: string; polysFile: string; month?: string };
  /** Wards and months for generated data; each ward gets about `perWardMonth` crimes a month. */
  generated?: { wards: FakeWard[]; months: string[]; perWardMonth: number; seed?: number };
  /** Leaky bucket; null turns the limit off. Default police.uk's 15/s, burst 30. */
  rateLimit?: { perSecond: number; burst: number } | null;
  /** More crimes than this in one polygon → 503 (police.uk: 10,000). */
  cap?: number;
  lastUpdated?: string;
}

export interface FakeRequest {
  at: number;
  method: string;
  path: string;
  month: string | null;
  poly: string | null;
  status: number;
}

export interface FakeCounters {
  requests: number;
  ok: number;
  rateLimited: number;
  capped: number;
  badRequests: number;
  injectedFailures: number;
  hung: number;
  wrongMonth: number;
}

interface Generated {
  crime: PoliceCrime;
  ward: string;
  lng: number;
  lat: number;
}

/** Deterministic pseudo-random numbers so generated months are the same on every run. */
const seeded = mulberry32;

function normalisePoly(poly: string): string {
  return toPolicePoly(parsePolicePoly(poly));
}

/**
 * A stand-in for data.police.uk on 127.0.0.1 (port 0): the real June 2018 answers for the ward
 * polygons they were fetched with, generated months elsewhere, and the API's limits and failures.
 */
export class FakePoliceUk {
  readonly requests: FakeRequest[] = [];
  readonly counters: FakeCounters = { requests: 0, ok: 0, rateLimited: 0, capped: 0, badRequests: 0, injectedFailures: 0, hung: 0, wrongMonth: 0 };
  url = '';
  cap: number;
  rateLimit: { perSecond: number; burst: number } | null;
  private server: Server;
  private sockets = new Set<Socket>();
  private realByPoly = new Map<string, PoliceCrime[]>();
  private realMonth: string | null = null;
  private realAll: Array<{ crime: PoliceCrime; lng: number; lat: number }> = [];
  private generated = new Map<string, Generated[]>();
  private failures: Array<{ status: number }> = [];
  private hangs = 0;
  private wrongMonths = 0;
  private bucket = 0;
  private bucketAt = 0;

  constructor(private readonly options: FakePoliceUkOptions = {}) {
    this.cap = options.cap ?? 10_000;
    this.rateLimit = options.rateLimit === undefined ? { perSecond: 15, burst: 30 } : options.rateLimit;
    if (options.real) this.loadReal(options.real);
    if (options.generated) this.generate(options.generated);
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(options: FakePoliceUkOptions = {}): Promise<FakePoliceUk> {
    const fake = new FakePoliceUk(options);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    const { port } = fake.server.address() as AddressInfo;
    fake.url = `http://127.0.0.1:${port}/api/`;
    return fake;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `n` crime requests answer `status` (e.g. 502; 429 comes with Retry-After: 1). */
  failNext(n: number, status = 502): void {
    for (let i = 0; i < n; i++) this.failures.push({ status });
  }

  /** The next `n` crime requests are accepted and never answered. */
  hangNext(n: number): void {
    this.hangs += n;
  }

  /** The next `n` crime requests answer the latest month instead of the month asked. */
  wrongMonthNext(n: number): void {
    this.wrongMonths += n;
  }

  months(): string[] {
    const all = new Set<string>(this.generated.keys());
    if (this.realMonth) all.add(this.realMonth);
    return [...all].sort();
  }

  /** Ground truth of a generated month: crimes per ward code and category. */
  expectedCounts(month: string): Map<string, Map<string, number>> {
    const out = new Map<string, Map<string, number>>();
    for (const g of this.generated.get(month) ?? []) {
      const byCat = out.get(g.ward) ?? new Map<string, number>();
      byCat.set(g.crime.category, (byCat.get(g.crime.category) ?? 0) + 1);
      out.set(g.ward, byCat);
    }
    return out;
  }

  resetLog(): void {
    this.requests.length = 0;
    for (const k of Object.keys(this.counters) as Array<keyof FakeCounters>) this.counters[k] = 0;
  }

  private loadReal(real: NonNullable<FakePoliceUkOptions['real']>): void {
    this.realMonth = real.month ?? '2018-06';
    const polys = JSON.parse(readFileSync(real.polysFile, 'utf8')) as Record<string, unknown>;
    const byCode = new Map<string, string>();
    for (const list of Object.values(polys)) {
      if (!Array.isArray(list)) continue;
      for (const w of list as Array<{ code: string; poly: string }>) byCode.set(w.code, normalisePoly(w.poly));
    }
    const seenIds = new Set<number>();
    for (const file of readdirSync(real.dir).filter((f) => f.endsWith('.json'))) {
      const code = file.replace(/\.json$/, '');
      const crimes = JSON.parse(readFileSync(join(real.dir, file), 'utf8')) as PoliceCrime[];
      const poly = byCode.get(code);
      if (poly) this.realByPoly.set(poly, crimes);
      for (const c of crimes) {
        if (seenIds.has(c.id) || !c.location) continue;
        seenIds.add(c.id);
        this.realAll.push({ crime: c, lng: Number(c.location.longitude), lat: Number(c.location.latitude) });
      }
    }
  }

  private generate(gen: NonNullable<FakePoliceUkOptions['generated']>): void {
    const rnd = seeded(gen.seed ?? 20180601);
    let nextId = 90_000_000;
    for (const month of gen.months) {
      const list: Generated[] = [];
      for (const ward of gen.wards) {
        const rings = outerRings(ward.geometry);
        const b = bboxOf(rings.flat());
        const n = Math.max(1, Math.round(gen.perWardMonth * (0.6 + 0.8 * rnd())));
        for (let i = 0; i < n; i++) {
          let lng = 0;
          let lat = 0;
          for (let tries = 0; tries < 1000; tries++) {
            lng = Number((b.minLng + rnd() * (b.maxLng - b.minLng)).toFixed(6));
            lat = Number((b.minLat + rnd() * (b.maxLat - b.minLat)).toFixed(6));
            if (containsPoint(ward.geometry, lng, lat)) break;
          }
          const category = POLICE_CATEGORIES[Math.floor(rnd() * POLICE_CATEGORIES.length)].slug;
          const id = nextId++;
          const persistent =
            category === 'anti-social-behaviour' ? '' : createHash('sha256').update(`${month}:${ward.code}:${i}:${id}`).digest('hex');
          list.push({
            ward: ward.code,
            lng,
            lat,
            crime: {
              category,
              location_type: 'Force',
              location: { latitude: lat.toFixed(6), longitude: lng.toFixed(6), street: { id: 1000 + i, name: 'On or near Generated Street' } },
              context: '',
              outcome_status: null,
              persistent_id: persistent,
              id,
              location_subtype: '',
              month,
            },
          });
        }
      }
      this.generated.set(month, list);
    }
  }

  /** Leaky bucket: true when the request fits; otherwise the seconds to wait. */
  private admit(now: number): true | number {
    if (!this.rateLimit) return true;
    const { perSecond, burst } = this.rateLimit;
    this.bucket = Math.max(0, this.bucket - ((now - this.bucketAt) / 1000) * perSecond);
    this.bucketAt = now;
    if (this.bucket + 1 > burst) return Math.max(1, Math.ceil((this.bucket + 1 - burst) / perSecond));
    this.bucket += 1;
    return true;
  }

  private crimesFor(month: string, ring: Ring, poly: string): PoliceCrime[] {
    if (month === this.realMonth) {
      const exact = this.realByPoly.get(poly);
      if (exact) return exact;
      const geometry: AreaGeometry = { type: 'Polygon', coordinates: [ring] };
      return this.realAll.filter((r) => containsPoint(geometry, r.lng, r.lat)).map((r) => r.crime);
    }
    const geometry: AreaGeometry = { type: 'Polygon', coordinates: [ring] };
    return (this.generated.get(month) ?? []).filter((g) => containsPoint(geometry, g.lng, g.lat)).map((g) => g.crime);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const now = Date.now();
      const url = new URL(req.url ?? '/', 'http://fake');
      const path = url.pathname.replace(/^\/api\//, '');
      const form = req.method === 'POST' ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : url.searchParams;
      const entry: FakeRequest = { at: now, method: req.method ?? 'GET', path, month: form.get('date'), poly: form.get('poly'), status: 0 };
      this.requests.push(entry);
      this.counters.requests += 1;
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        entry.status = status;
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(body === undefined ? '' : JSON.stringify(body));
      };

      const admitted = this.admit(now);
      if (admitted !== true) {
        this.counters.rateLimited += 1;
        return send(429, { error: 'Too Many Requests' }, { 'Retry-After': String(admitted) });
      }
      if (req.method === 'GET' && (req.url ?? '').length > 4094) {
        this.counters.badRequests += 1;
        return send(400, { error: 'URL too long' });
      }
      const months = this.months();
      const latest = months[months.length - 1] ?? null;
      if (path === 'crimes-street-dates') {
        this.counters.ok += 1;
        return send(200, [...months].reverse().map((date) => ({ date, 'stop-and-search': ['derbyshire'] })));
      }
      if (path === 'crime-last-updated') {
        this.counters.ok += 1;
        return send(200, { date: this.options.lastUpdated ?? `${latest ?? '2018-06'}-01` });
      }
      if (path === 'crime-categories') {
        this.counters.ok += 1;
        return send(200, [{ url: 'all-crime', name: 'All crime' }, ...POLICE_CATEGORIES.map((c) => ({ url: c.slug, name: c.name }))]);
      }
      const m = /^crimes-street\/([a-z-]+)$/.exec(path);
      if (!m) return send(404, { error: 'not found' });
      if (this.failures.length > 0) {
        this.counters.injectedFailures += 1;
        const { status } = this.failures.shift()!;
        if (status === 429) this.counters.rateLimited += 1;
        return send(status, undefined, status === 429 ? { 'Retry-After': '1' } : {});
      }
      if (this.hangs > 0) {
        this.hangs -= 1;
        this.counters.hung += 1;
        entry.status = -1;
        return; // never answered: the client's timeout must give up on it
      }
      const polyText = form.get('poly');
      if (!polyText) return send(400, { error: 'poly is required' });
      let ring: Ring;
      try {
        ring = parsePolicePoly(polyText);
      } catch {
        this.counters.badRequests += 1;
        return send(400, { error: 'bad poly' });
      }
      // Like the real API, a missing or malformed date silently means the latest month.
      let month = form.get('date') ?? '';
      if (!months.includes(month)) month = latest ?? month;
      const answerFor = (mm: string) => {
        const all = this.crimesFor(mm, ring, toPolicePoly(ring));
        return m[1] === 'all-crime' ? all : all.filter((c) => c.category === m[1]);
      };
      let crimes = answerFor(month);
      if (crimes.length > this.cap) {
        this.counters.capped += 1;
        return send(503, undefined);
      }
      const other = months.find((x) => x !== form.get('date'));
      if (this.wrongMonths > 0 && other) {
        const wrong = answerFor(other);
        if (wrong.length > 0 && wrong.length <= this.cap) {
          this.wrongMonths -= 1;
          this.counters.wrongMonth += 1;
          crimes = wrong;
        }
      }
      this.counters.ok += 1;
      send(200, crimes);
    });
  }
}

/** Square wards side by side near Chesterfield (5 a row), for tests that need no real boundaries. */
export function gridWards(codes: string[], size = 0.01): FakeWard[] {
  return codes.map((code, i) => {
    const x0 = -1.45 + (i % 5) * size;
    const y0 = 53.2 + Math.floor(i / 5) * size;
    const ring: Ring = [
      [x0, y0],
      [x0 + size, y0],
      [x0 + size, y0 + size],
      [x0, y0 + size],
      [x0, y0],
    ];
    return { code, geometry: { type: 'Polygon', coordinates: [ring] } };
  });
}
