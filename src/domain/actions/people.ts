/**
 * How a person named in the action plan is recognised again: by e-mail when there is one, else by
 * name folded for case, spacing, full stops and the titles people put before names ("Cllr",
 * "Insp."), so "cllr  PRIYA shah" and "Priya Shah" are the same person.
 */
const TITLES =
  /^(?:cllr|councillor|mr|mrs|ms|miss|mx|dr|prof|professor|rev|revd|sir|dame|pc|pcso|ps|sgt|sergeant|insp|inspector|ch insp|chief inspector|supt|superintendent|ch supt|chief superintendent|dc|ds|di|dci)\s+/;

export function personNameKey(name: string): string {
  let key = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.\u2019']/g, '')
    .replace(/[^a-z0-9@-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let prev = ''; prev !== key; ) {
    prev = key;
    key = key.replace(TITLES, '');
  }
  return key;
}

/** A plausible e-mail address (or UPN), lower-cased; undefined otherwise. */
export function normaliseEmail(text: string | null | undefined): string | undefined {
  const t = (text ?? '').trim().replace(/^mailto:/i, '').toLowerCase();
  return /^[^\s@<>(),;]+@[^\s@<>(),;]+\.[a-z]{2,}$/.test(t) ? t : undefined;
}
