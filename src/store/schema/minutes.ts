/** Tables of the minutes aggregate (filled in by its issue). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MinutesTables {}
