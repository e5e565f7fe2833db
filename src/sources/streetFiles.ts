import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline, Transform, type Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { MAX_RECORD_LENGTH } from './csvRecords';
import { ImportRefused } from './importRefused';

/**
 * The street-level files an import reads, listed before any is read: single files, and the
 * `*-street.csv` entries of archive zips (police.uk's monthly archive holds every force's files
 * for three years). Listing first lets an archive be read for chosen forces only, the other
 * entries skipped unread, and a file given twice be read once.
 */

/** Limits that keep memory and time bounded whatever a file holds. */
export interface ReadLimits {
  /** Longest record, in characters. */
  maxRecordLength: number;
  /** Largest uncompressed size of one zip entry, in bytes. */
  maxEntryBytes: number;
  /** Largest ratio of uncompressed to compressed size of one zip entry. */
  maxCompressionRatio: number;
}

/**
 * police.uk's largest monthly street-level file (the Metropolitan Police) is tens of MB and
 * compresses about tenfold; these bounds leave ample room and still refuse a zip bomb at once.
 */
export const DEFAULT_LIMITS: ReadLimits = { maxRecordLength: MAX_RECORD_LENGTH, maxEntryBytes: 512 * 1024 * 1024, maxCompressionRatio: 100 };

const NAMED_MONTH = /^(\d{4}-(?:0[1-9]|1[0-2]))-/;
const FOLDER_MONTH = /(?:^|\/)(\d{4}-(?:0[1-9]|1[0-2]))\/[^/]*$/;

/**
 * The month a police.uk file says it holds: its name (`2024-03-derbyshire-street.csv`) and, in the
 * archive, its folder (`2024-03/`). Refused when the two disagree; undefined when neither says.
 */
export function monthNamed(entryPath: string, label: string): string | undefined {
  const name = basename(entryPath);
  const byName = NAMED_MONTH.exec(name)?.[1];
  const byFolder = FOLDER_MONTH.exec(entryPath.replace(/\\/g, '/'))?.[1];
  if (byName && byFolder && byName !== byFolder) {
    throw new ImportRefused(`is named for ${byName} but filed in the folder ${byFolder}/: check the archive`, label);
  }
  return byName ?? byFolder;
}

/** One street-level file to read: a file on disk or an archive entry. */
export interface StreetFile {
  /** As reported: the file's name, or `archive.zip:folder/entry.csv`. */
  label: string;
  /** The month its name or folder gives. */
  month: string | undefined;
  /** The police.uk force id its name gives (`2024-03-derbyshire-street.csv` → derbyshire). */
  force: string | undefined;
  /** Bytes on disk (compressed, for an entry), for progress. */
  bytes: number;
  /** Bytes a plain file's stream reports as read (0 for an entry: its progress is counted whole). */
  streamsBytes: boolean;
  open(): Promise<Readable>;
}

/** Which forces' files of an archive are read. */
export type ForceChoice =
  /** The forces of the districts the store knows (and British Transport Police). */
  | { kind: 'default'; forces: string[] }
  /** Named with --force. */
  | { kind: 'chosen'; forces: string[] }
  | { kind: 'all' };

export interface ArchiveRead {
  file: string;
  /** Every force with street-level files in the archive. */
  held: string[];
  /** The forces whose files were read. */
  read: string[];
  files: number;
  /** Street-level files of other forces, skipped unread. */
  skipped: number;
}

export interface StreetFiles {
  files: StreetFile[];
  archives: ArchiveRead[];
  /** Files given twice: the later copy is read, the earlier skipped. */
  warnings: string[];
  bytesTotal: number;
  /** Closes the archives; call once reading is over, whatever happened. */
  close(): void;
}

const STREET_ENTRY = /-street\.csv$/i;
const FORCE_OF_NAME = /^(?:\d{4}-\d{2}-)?(.+)-street\.csv$/i;

/** The police.uk force id of a street-level file (`2024-03-derbyshire-street.csv` or `archive.zip:2024-03/derbyshire-street.csv` → derbyshire). */
export function forceOfFile(label: string): string | undefined {
  const name = (label.split(':').pop() ?? label).split(/[\\/]/).pop() ?? '';
  return FORCE_OF_NAME.exec(name)?.[1]?.toLowerCase();
}

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)));
  });
}

/** Every street-level entry of an open archive, from its central directory (nothing is inflated). */
function streetEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const out: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/') && STREET_ENTRY.test(entry.fileName)) out.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(out));
    zip.once('error', reject);
    zip.readEntry();
  });
}

const damaged = (file: string, e: unknown) => new ImportRefused(`is damaged (${(e as Error).message}); it may be truncated — download it again`, file);

/**
 * Inflated bytes per chunk: four times zlib's default, so a quarter of the steps through the
 * streams (an archive of a force's files was read about a third faster, mostly its cold start).
 */
const INFLATE_CHUNK = 64 * 1024;

const DEFLATED = 8;

/**
 * Opens an entry's stream; a stream that fails later fails the reading of that file. A deflated
 * entry is inflated here rather than by yauzl, in larger chunks, and held to the size it
 * declares just as yauzl holds it (see declaredSize); any other entry is left to yauzl.
 */
function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry, zipName: string): Promise<Readable> {
  const inflateHere = entry.compressionMethod === DEFLATED && !entry.isEncrypted();
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, inflateHere ? { decodeFileData: false } : {}, (err, stream) => {
      if (err || !stream) return reject(damaged(zipName, err ?? new Error('entry unreadable')));
      if (!inflateHere) return resolve(stream);
      // pipeline passes an error of any stage to the last stream, which the reader reads, and
      // destroying that stream (a refused file) destroys them all.
      resolve(pipeline(stream, createInflateRaw({ chunkSize: INFLATE_CHUNK }), declaredSize(entry.uncompressedSize), () => undefined));
    });
  });
}

/**
 * Passes an entry's inflated bytes on while they keep to the size its zip header declares: a
 * header that understates it must not let more through (the size caps are checked against it).
 */
function declaredSize(bytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > bytes) return done(new Error(`more bytes than the ${bytes} its header declares`));
      done(null, chunk);
    },
    flush(done) {
      done(seen < bytes ? new Error(`${seen} bytes where its header declares ${bytes}`) : null);
    },
  });
}

function describeChoice(choice: ForceChoice): string {
  return choice.kind === 'all' ? 'every force' : choice.forces.join(', ');
}

/**
 * Lists what `paths` hold to read, in order. Refused (ImportRefused) before anything is read: a
 * path that cannot be read, a zip that is not whole, a file named for one month but filed in
 * another's folder, a chosen force no archive holds, an archive with none of the chosen forces,
 * and a chosen entry too large or compressed too well to be a CSV.
 */
export async function listStreetFiles(paths: string[], choice: ForceChoice, limits: ReadLimits): Promise<StreetFiles> {
  const zips: yauzl.ZipFile[] = [];
  const close = () => {
    for (const z of zips) z.close();
  };
  try {
    const found: StreetFile[] = [];
    const archives: ArchiveRead[] = [];
    const chosen = choice.kind === 'all' ? null : new Set(choice.forces);
    const heldAnywhere = new Set<string>();
    for (const path of paths) {
      let size: number;
      try {
        size = (await stat(path)).size;
      } catch {
        throw new ImportRefused('cannot be read (no such file?)', path);
      }
      if (!/\.zip$/i.test(path)) {
        const label = basename(path);
        // Chunks of 64 KB (the default): their text stays among the young objects V8 frees cheaply;
        // 1 MB chunks made reading half as fast again.
        found.push({ label, month: monthNamed(path, label), force: forceOfFile(label), bytes: size, streamsBytes: true, open: async () => createReadStream(path) });
        continue;
      }
      const zipName = basename(path);
      let zip: yauzl.ZipFile;
      try {
        zip = await openZip(path);
      } catch (e) {
        throw new ImportRefused(`is not a readable zip archive (${(e as Error).message}); it may be truncated — download it again`, zipName);
      }
      zips.push(zip);
      let entries: yauzl.Entry[];
      try {
        entries = await streetEntries(zip);
      } catch (e) {
        throw damaged(zipName, e);
      }
      if (entries.length === 0) throw new ImportRefused('holds no street-level files (*-street.csv)', zipName);
      const held = new Set<string>();
      const read = new Set<string>();
      let files = 0;
      for (const entry of entries) {
        const label = `${zipName}:${entry.fileName}`;
        const force = forceOfFile(entry.fileName);
        if (force) held.add(force);
        // An entry whose name gives no force is read whatever was chosen: it cannot be told apart.
        if (chosen && force && !chosen.has(force)) continue;
        if (entry.uncompressedSize > limits.maxEntryBytes) {
          throw new ImportRefused(`would unpack to ${mb(entry.uncompressedSize)}, more than the ${mb(limits.maxEntryBytes)} any police.uk file needs: refused unread`, label);
        }
        const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
        if (ratio > limits.maxCompressionRatio) {
          throw new ImportRefused(`is compressed ${Math.round(ratio)} to 1, far more than a CSV compresses (at most ${limits.maxCompressionRatio} to 1): refused unread`, label);
        }
        if (force) read.add(force);
        files += 1;
        // Each entry's bytes are held to its declared size (entryStream), so a header that understates it stops there.
        found.push({ label, month: monthNamed(entry.fileName, label), force, bytes: entry.compressedSize, streamsBytes: false, open: () => entryStream(zip, entry, zipName) });
      }
      for (const f of held) heldAnywhere.add(f);
      archives.push({ file: zipName, held: [...held].sort(), read: [...read].sort(), files, skipped: entries.length - files });
    }
    if (choice.kind === 'chosen' && archives.length > 0) {
      const unknown = choice.forces.filter((f) => !heldAnywhere.has(f));
      if (unknown.length > 0) {
        throw new ImportRefused(
          `no force ${unknown.map((f) => `"${f}"`).join(', ')} here: ${archives.length === 1 ? 'it holds' : 'they hold'} street-level files of ${[...heldAnywhere].sort().join(', ')}`,
          archives.map((a) => a.file).join(', '),
        );
      }
    }
    const idle = archives.find((a) => a.files === 0);
    if (idle) {
      throw new ImportRefused(
        `holds no street-level files of ${describeChoice(choice)}${choice.kind === 'default' ? ' (the forces of the districts this store knows)' : ''}; it holds files of ${idle.held.join(', ')}. Choose with --force <id>, or --all-forces`,
        idle.file,
      );
    }
    // A file given twice (a monthly file and the same file in an archive) is read once: the later copy.
    const key = (f: StreetFile) => `${f.month ?? ''}|${basename(f.label.split(':').pop() ?? f.label).toLowerCase()}`;
    const latest = new Map(found.map((f) => [key(f), f]));
    const warnings: string[] = [];
    const files = found.filter((f) => {
      const kept = latest.get(key(f))!;
      if (kept !== f) warnings.push(`${basename(f.label.split(':').pop() ?? f.label)} was given twice; the copy in ${kept.label} replaces the one in ${f.label}`);
      return kept === f;
    });
    return { files, archives, warnings, bytesTotal: files.reduce((n, f) => n + f.bytes, 0), close };
  } catch (e) {
    close();
    throw e;
  }
}
