/** Tables of the followups aggregate (filled in by its issue). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FollowupsTables {}
