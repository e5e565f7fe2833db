import type { Migration } from 'kysely';
import * as m001 from './001_core';
import * as m002 from './002_crime';
import * as m003 from './003_actions';
import * as m004 from './004_followups';
import * as m005 from './005_minutes';
import * as m006 from './006_boundaries';
import * as m007 from './007_report_drafts';
import * as m008 from './008_lean_turn_tables';
import * as m009 from './009_turn_state';
import * as m010 from './010_plan_people';
import * as m011 from './011_reminder_sending';
import * as m012 from './012_districts';
import * as m013 from './013_partnerships';
import * as m014 from './014_crime_count_by_key';
import * as m015 from './015_ward_totals';
import * as m016 from './016_exempt_follow_ups';
import * as m017 from './017_ward_totals_by_ward';

/** Every migration, in order. A new one is appended here; names never change once released. */
export const migrations: Record<string, Migration> = {
  '001_core': m001,
  '002_crime': m002,
  '003_actions': m003,
  '004_followups': m004,
  '005_minutes': m005,
  '006_boundaries': m006,
  '007_report_drafts': m007,
  '008_lean_turn_tables': m008,
  '009_turn_state': m009,
  '010_plan_people': m010,
  '011_reminder_sending': m011,
  '012_districts': m012,
  '013_partnerships': m013,
  '014_crime_count_by_key': m014,
  '015_ward_totals': m015,
  '016_exempt_follow_ups': m016,
  '017_ward_totals_by_ward': m017,
};
