/** A file (or a zip entry) that cannot be imported; nothing from the import is written. */
export class ImportRefused extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ImportRefused';
  }
}
