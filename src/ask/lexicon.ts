/**
 * Words that are never place names. A word not in these lists, not a category word and not an
 * area name is what the area matcher may treat as a misspelt or unknown place.
 */

/** Function words and everyday words of questions. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a an the and or but nor of in on at to for from by with within without into onto over under across around near about
  i me my mine we us our ours you your yours he him his she her they them their it its this that these those there here
  is are was were be been being am do does did done doing have has had having can could would should will shall may might must
  what whats which who whos whom whose where wheres when whens why how hows whats
  not no yes ok okay please thanks thank cheers ta hi hello hey hiya morning afternoon evening good bad great
  show tell give get got find list see look let lets want need know like just also too very much many more most less least
  some any all each every other others another same such than then so if as only own out up down off again further once
  ward wards area areas place places part parts bit side neighbourhood neighborhood patch
  rather whether either neither mother brother father sister other
  im ive id ill youre were theyre dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt shouldnt
  vs versus v compared compare comparing comparison against between among amongst
  number numbers figure figures stats statistics data count counts total totals level levels rate rates
  crime crimes offence offences offense offenses incident incidents report reports reported recorded recording
  trend trends change changes changed changing rise rising risen rose fall falling fell fallen increase increased increasing
  decrease decreased decreasing up down higher lower high low worst best top bottom safest rank ranking ranks ranked
  breakdown break types type kind kinds category categories split mix by per capita head thousand hundred resident residents
  population people person
  month months year years week weeks day days quarter quarters period periods time times date dates since until till
  last past previous prior preceding recent recently latest current this next so far ytd
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  summer winter spring autumn holiday holidays christmas easter covid lockdown pandemic
  one two three four five six seven eight nine ten eleven twelve eighteen twenty four thirty six
  action actions plan plans operation status progress update updates overdue late due red amber green grey gray rag
  lead leads led leading owner owned assigned responsible
  follow followup followups ups remind reminder reminders reminding stop cancel meeting meetings committee resolution resolutions
  minutes import whoami role roles permission permissions help
  real really happening happened going doing working work works done
  hotspot hotspots hot spot spots pattern patterns chart graph table map
  general overall whole entire everywhere anywhere borough district town city centre center county local`
    .split(/\s+/)
    .filter(Boolean),
);

/** Prepositions after which the next unknown word is probably meant as a place. */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'at', 'for', 'around', 'near', 'within', 'across']);

/**
 * Places outside any one district that people name: UK cities, counties and Chesterfield's
 * neighbours. A question about one of these gets "I only hold figures for …", not a guess.
 * Names of the district in use are matched first, so a pack for one of them still works.
 */
export const OUTSIDE_PLACES: readonly string[] = [
  'Sheffield', 'Manchester', 'London', 'Derby', 'Nottingham', 'Leeds', 'Birmingham', 'Liverpool', 'Bristol', 'Leicester',
  'Newcastle', 'York', 'Bradford', 'Hull', 'Coventry', 'Stoke', 'Lincoln', 'Doncaster', 'Barnsley', 'Rotherham', 'Wakefield',
  'Mansfield', 'Worksop', 'Bolsover', 'Dronfield', 'Clay Cross', 'Matlock', 'Bakewell', 'Buxton', 'Glossop', 'Ilkeston',
  'Belper', 'Ripley', 'Alfreton', 'Eckington', 'Killamarsh', 'Shirebrook', 'Clowne', 'Holmewood', 'Wingerworth',
  'North East Derbyshire', 'NE Derbyshire', 'Amber Valley', 'Erewash', 'High Peak', 'South Derbyshire', 'Derbyshire Dales',
  'Derbyshire', 'Nottinghamshire', 'South Yorkshire', 'Yorkshire', 'Staffordshire', 'Lancashire', 'Cardiff', 'Swansea',
  'Glasgow', 'Edinburgh', 'Belfast', 'Scotland', 'Wales', 'Northern Ireland', 'Oxford', 'Cambridge', 'Brighton', 'Southampton',
  'Portsmouth', 'Plymouth', 'Norwich', 'Ipswich', 'Exeter', 'Reading', 'Milton Keynes', 'Northampton', 'Peterborough',
  'Wolverhampton', 'Sunderland', 'Middlesbrough', 'Preston', 'Blackpool', 'Bolton', 'Salford', 'Stockport', 'Wigan',
  'Huddersfield', 'Halifax', 'Harrogate', 'Scarborough', 'Grimsby', 'Scunthorpe', 'Chester',
];
