import { Kysely } from 'kysely';

// Filled in by this aggregate's issue.
// eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
export async function up(_db: Kysely<any>): Promise<void> {}
