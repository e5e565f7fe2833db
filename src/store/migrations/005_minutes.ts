import { Kysely } from 'kysely';
import { serialType } from './util';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('minutes_document')
    .addColumn('id', serialType(db), (c) => c.primaryKey())
    .addColumn('content_hash', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text')
    .addColumn('meeting_date', 'text')
    .addColumn('source_name', 'text')
    .addColumn('paragraph_count', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('minutes_paragraph')
    .addColumn('document_id', 'integer', (c) => c.notNull().references('minutes_document.id').onDelete('cascade'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('minutes_paragraph_pk', ['document_id', 'idx'])
    .execute();
  await db.schema
    .createTable('minutes_resolution')
    .addColumn('document_id', 'integer', (c) => c.notNull())
    .addColumn('paragraph_idx', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('minutes_resolution_pk', ['document_id', 'paragraph_idx'])
    .addForeignKeyConstraint('minutes_resolution_paragraph_fk', ['document_id', 'paragraph_idx'], 'minutes_paragraph', ['document_id', 'idx'], (fk) => fk.onDelete('cascade'))
    .execute();
  await db.schema
    .createTable('minutes_link')
    .addColumn('id', serialType(db), (c) => c.primaryKey())
    .addColumn('document_id', 'integer', (c) => c.notNull())
    .addColumn('paragraph_idx', 'integer', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('minutes_link_paragraph_fk', ['document_id', 'paragraph_idx'], 'minutes_paragraph', ['document_id', 'idx'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('minutes_link_unique', ['document_id', 'item_key', 'target_kind', 'target_id'])
    .execute();
  await db.schema.createIndex('minutes_link_target').on('minutes_link').columns(['target_kind', 'target_id']).execute();
}
