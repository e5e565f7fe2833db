import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { readFile } from 'node:fs/promises';

/** A position as GeoJSON writes it: [longitude, latitude], WGS84. */
export type LngLat = [number, number];
/** A closed or open ring of positions. */
export type Ring = LngLat[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface GeoFeature {
  type: 'Feature';
  properties: Record<string, unknown> | null;
  geometry: AreaGeometry;
}

export interface GeoFeatureCollection {
  type: 'FeatureCollection';
  features: GeoFeature[];
}

/** Thrown when a file is not a GeoJSON FeatureCollection of polygons. */
export class GeoJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeoJsonError';
  }
}

function isPosition(v: unknown): v is LngLat {
  return Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number';
}

function isRing(v: unknown): v is Ring {
  return Array.isArray(v) && v.length >= 3 && v.every(isPosition);
}

function isGeometry(g: unknown): g is AreaGeometry {
  if (!g || typeof g !== 'object') return false;
  const { type, coordinates } = g as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') return Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isRing);
  if (type === 'MultiPolygon') {
    return Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every((p) => Array.isArray(p) && p.length > 0 && p.every(isRing));
  }
  return false;
}

/** Checks that parsed JSON is a FeatureCollection whose features are all polygons. */
export function asFeatureCollection(json: unknown, what = 'GeoJSON'): GeoFeatureCollection {
  if (!json || typeof json !== 'object' || (json as { type?: unknown }).type !== 'FeatureCollection') {
    throw new GeoJsonError(`${what} is not a GeoJSON FeatureCollection`);
  }
  const features = (json as { features?: unknown }).features;
  if (!Array.isArray(features) || features.length === 0) throw new GeoJsonError(`${what} has no features`);
  features.forEach((f, i) => {
    if (!f || typeof f !== 'object' || !isGeometry((f as { geometry?: unknown }).geometry)) {
      throw new GeoJsonError(`${what}: feature ${i + 1} is not a Polygon or MultiPolygon`);
    }
  });
  return json as GeoFeatureCollection;
}

export async function readFeatureCollection(path: string): Promise<GeoFeatureCollection> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new GeoJsonError(`${path} could not be read as JSON: ${(e as Error).message}`);
  }
  return asFeatureCollection(json, path);
}

/** True when the point lies inside the area or on its edge. */
export function containsPoint(geometry: AreaGeometry, lng: number, lat: number): boolean {
  return booleanPointInPolygon([lng, lat], geometry);
}

/** The outer rings of an area, one per part. */
export function outerRings(geometry: AreaGeometry): Ring[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => p[0]);
}

function openRing(ring: Ring): Ring {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first[0] === last[0] && first[1] === last[1] ? ring.slice(0, -1) : ring;
}

/**
 * The police.uk `poly` value for a ring: `lat,lng:lat,lng…` at 5 decimal places (about a metre),
 * ring left open because the API closes it.
 */
export function toPolicePoly(ring: Ring): string {
  return openRing(ring)
    .map(([lng, lat]) => `${lat.toFixed(5)},${lng.toFixed(5)}`)
    .join(':');
}

/** Reads a police.uk `poly` value back into a closed ring of [lng, lat]. */
export function parsePolicePoly(poly: string): Ring {
  const ring: Ring = poly.split(':').map((pair) => {
    const [lat, lng] = pair.split(',').map(Number);
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) throw new GeoJsonError(`not a police.uk poly point: "${pair}"`);
    return [lng, lat];
  });
  if (ring.length < 3) throw new GeoJsonError('a poly needs at least three points');
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]]);
  return ring;
}

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

export function bboxOf(ring: Ring): BBox {
  const b = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const [lng, lat] of ring) {
    if (lng < b.minLng) b.minLng = lng;
    if (lng > b.maxLng) b.maxLng = lng;
    if (lat < b.minLat) b.minLat = lat;
    if (lat > b.maxLat) b.maxLat = lat;
  }
  return b;
}

/** Keeps the part of a ring on one side of a vertical (lng) or horizontal (lat) line (Sutherland–Hodgman). */
function clipRing(ring: Ring, axis: 0 | 1, at: number, keepBelow: boolean): Ring {
  const inside = (p: LngLat) => (keepBelow ? p[axis] <= at : p[axis] >= at);
  const closed = openRing(ring);
  const out: Ring = [];
  for (let i = 0; i < closed.length; i++) {
    const cur = closed[i];
    const prev = closed[(i + closed.length - 1) % closed.length];
    const curIn = inside(cur);
    const prevIn = inside(prev);
    if (curIn !== prevIn) {
      const t = (at - prev[axis]) / (cur[axis] - prev[axis]);
      const other = axis === 0 ? 1 : 0;
      const cross: LngLat = [0, 0];
      cross[axis] = at;
      cross[other] = prev[other] + t * (cur[other] - prev[other]);
      out.push(cross);
    }
    if (curIn) out.push(cur);
  }
  if (out.length >= 3) out.push([out[0][0], out[0][1]]);
  return out;
}

/**
 * Splits a ring into two halves across the middle of its bounding box (along its longer side).
 * Together the halves cover the ring exactly; a point on the cut lies in both, so callers
 * merging results must de-duplicate.
 */
export function splitRing(ring: Ring): [Ring, Ring] {
  const b = bboxOf(ring);
  const axis: 0 | 1 = b.maxLng - b.minLng >= b.maxLat - b.minLat ? 0 : 1;
  const mid = axis === 0 ? (b.minLng + b.maxLng) / 2 : (b.minLat + b.maxLat) / 2;
  return [clipRing(ring, axis, mid, true), clipRing(ring, axis, mid, false)];
}
