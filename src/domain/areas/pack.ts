/**
 * An area pack describes one district: its wards (by ONS code, per ward set with the dates the
 * set was in force), its LSOAs with populations, the LSOA→ward lookup of each ward set, named
 * groups of LSOAs and the aliases people use. Crimes are held per LSOA and month and rolled up
 * to wards through the ward set in force in that month.
 */
export interface Ward {
  /** ONS ward code, e.g. E05003337. A ward is its code, never its name. */
  code: string;
  name: string;
}

export interface LsoaWardShare {
  lsoa: string;
  ward: string;
  /** Share of the LSOA (by area) in this ward, 0–1. */
  share: number;
}

export interface WardSet {
  /** e.g. "2015-2023" */
  id: string;
  /** First day in force, YYYY-MM-DD. */
  from: string;
  /** Last day in force, YYYY-MM-DD, or null while current. */
  to: string | null;
  wards: Ward[];
  lookup: LsoaWardShare[];
}

export interface Lsoa {
  code: string;
  name: string;
  population: number;
}

export interface AreaGroup {
  /** Stable code, e.g. "group:staveley". */
  code: string;
  name: string;
  lsoas: string[];
  aliases: string[];
}

export interface AreaPack {
  district: { code: string; name: string; aliases: string[] };
  /** police.uk force id, e.g. "derbyshire". */
  policeForce: string;
  wardSets: WardSet[];
  lsoas: Lsoa[];
  groups: AreaGroup[];
  /** Extra names for wards, by ward code (e.g. "St Leonards" → E05003339). */
  wardAliases: Record<string, string[]>;
}


import type { AreaRef, AreaType } from '../../core/answer';
export type { AreaRef, AreaType };
