/**
 * "actions led by police": the words people use for partner agencies, matched against the lead
 * agency names of the plan ("Derbyshire Constabulary", "Chesterfield Borough Council").
 */
const SYNONYMS: Record<string, string[]> = {
  police: ['police', 'constabulary', 'pcso'],
  constabulary: ['police', 'constabulary'],
  council: ['council'],
  'borough council': ['borough council'],
  cbc: ['borough council'],
  'county council': ['county council'],
  dcc: ['county council'],
  fire: ['fire'],
  'fire service': ['fire'],
  'fire and rescue': ['fire'],
  nhs: ['nhs', 'health', 'icb', 'ccg', 'hospital'],
  health: ['nhs', 'health', 'icb', 'ccg', 'hospital'],
  probation: ['probation'],
};

function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a lead agency name fits what the asker called it (`ActionFilter.leadAgency`). */
export function leadAgencyMatches(asked: string, agencyName: string): boolean {
  const a = fold(asked).replace(/^the /, '');
  const name = fold(agencyName);
  if (!a || !name) return false;
  if (name.includes(a)) return true;
  const words = SYNONYMS[a];
  return words !== undefined && words.some((w) => new RegExp(`\\b${w}\\b`).test(name));
}
