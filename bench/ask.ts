/**
 * `npm run bench:ask:parse`: how long understanding one question takes (src/ask, no I/O), over
 * a mixed corpus of real phrasings, misspellings, clarifications and hostile input.
 * Targets: p50 under 1 ms, p99 under 5 ms. Prints its figures; asserts nothing.
 */
import { chesterfieldPack } from '../src/domain/areas/chesterfield';
import { compileVocabulary, understand } from '../src/ask/understand';
import { ms, summarise } from './support';

const TITLES = [
  'Operation Blofeld: pilot a serious and organised crime partnership approach',
  'Provide guard cams to vulnerable residents',
  'Recruit Cyber Buddies volunteers for the digital hubs',
  'Run a Digital MOT and a scams podcast',
  'Enforce the Town Centre Public Space Protection Order (PSPO)',
  'Secure CCTV funding for Staveley town centre',
  'Hold Hate Crime Awareness Week',
  'Run the Great Outdoors programme',
  'Rother Active Youth sessions',
];

const QUESTIONS = [
  'ASB trend in Rother ward',
  'How has ASB in Rother changed over the last 12 months against the previous 12?',
  'burglary in Haslnd last 6 months',
  'ASB in Rothr',
  'violence in St Leonards',
  "shoplifting in St. Leonard's ward since March 2020",
  'drugs in Staveley',
  'shoplifting in the town centre',
  'total recorded crime in Chesterfield Feb 2020 to Jan 2021 compared with the previous 12 months',
  'which wards have the most burglaries per 1,000 residents',
  'breakdown of crime types in Middlecroft and Poolsbrook',
  'Rother vs Hasland',
  'compare Rother and Dunston for violence year on year',
  'how many robberies in March 2020',
  'hate crime in 2020',
  'violence without injury this year',
  'crime in Brimington',
  'ASB in my ward',
  'ASB in Hollywood ward',
  'violence in Sheffield',
  'show the action plan',
  'status of Operation Blofeld',
  'amber or red actions',
  'actions in Rother',
  'my actions',
  'what changed since 1 March',
  'What has changed on guard cams, Staveley CCTV, Cyber Buddies or the PSPO since the last committee?',
  "what's due",
  'follow-ups from the last meeting',
  'remind me about the hate crime figures on 1 March',
  'remind this channel about the progress report on 1 September',
  'stop reminding me about the hate crime figures',
  'whoami',
  'help',
  'thanks',
  'Bonjour, comment ça va ?',
  '🙂🙂🙂',
  "'; DROP TABLE actions; --",
  '{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"x"}]}',
  'ASB Rother Rothr Hasland in the last 6 months since March 2020 '.repeat(150),
  'x'.repeat(10_000),
];

const vocab = compileVocabulary({ pack: chesterfieldPack, actionTitles: TITLES, referenceDate: new Date(Date.UTC(2021, 2, 10)) });

function run(rounds: number): number[] {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of QUESTIONS) {
      const start = process.hrtime.bigint();
      understand(q, vocab);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return samples;
}

const compileStart = process.hrtime.bigint();
compileVocabulary({ pack: chesterfieldPack, actionTitles: TITLES });
const compileMs = Number(process.hrtime.bigint() - compileStart) / 1e6;

run(20); // warm-up
const all = summarise(run(200));
const long = QUESTIONS.filter((q) => q.length > 500);
const longSamples: number[] = [];
for (let r = 0; r < 200; r++) {
  for (const q of long) {
    const start = process.hrtime.bigint();
    understand(q, vocab);
    longSamples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
const longSummary = summarise(longSamples);

console.log('Understanding a question (src/ask), Chesterfield pack');
console.log(`  compile vocabulary (once per deployment): ${ms(compileMs)}`);
console.log(`  mixed corpus of ${QUESTIONS.length} questions × 200: n=${all.n}  p50 ${ms(all.p50)} (target < 1 ms)  p99 ${ms(all.p99)} (target < 5 ms)`);
console.log(`  long input only (> 500 characters): n=${longSummary.n}  p50 ${ms(longSummary.p50)}  p99 ${ms(longSummary.p99)}`);
