import type { CoreTables } from './schema/core';
import type { CrimeTables } from './schema/crime';
import type { ActionsTables } from './schema/actions';
import type { FollowupsTables } from './schema/followups';
import type { MinutesTables } from './schema/minutes';
import type { BoundaryTables } from './schema/boundaries';
import type { ReportTables } from './schema/reports';
import type { TurnStateTables } from './schema/turnState';

/** Every table of the store, one interface per aggregate. */
export interface Schema extends CoreTables, CrimeTables, ActionsTables, FollowupsTables, MinutesTables, BoundaryTables, ReportTables, TurnStateTables {}
