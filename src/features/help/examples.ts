/** A question offered as a button: its label, and the question it asks. */
export interface ExampleQuestion {
  label: string;
  question: string;
}

/**
 * The two wards example questions name: those with the shortest names (they fit on a button),
 * alphabetical among equals. Examples name the partnership's own wards, so that every button
 * offered is a question this partnership's figures answer.
 */
export function exampleWards(wards: readonly { name: string }[]): [string, string] | undefined {
  const [a, b] = [...wards].sort((x, y) => x.name.length - y.name.length || x.name.localeCompare(y.name));
  return a && b ? [a.name, b.name] : undefined;
}

/** Questions on the welcome card and after an answer the bot could not give; district-wide when no wards are known. */
export function exampleQuestions(wards: readonly { name: string }[] = []): ExampleQuestion[] {
  const named = exampleWards(wards);
  return [
    named ? { label: `ASB trend in ${named[0]}`, question: `ASB trend in ${named[0]} ward` } : { label: 'ASB trend', question: 'ASB trend' },
    { label: 'Wards with most burglary', question: 'Which wards have the most burglary per 1,000 residents?' },
    named ? { label: `Crime breakdown for ${named[1]}`, question: `Breakdown of crime types in ${named[1]}` } : { label: 'Crime breakdown', question: 'Breakdown of crime types' },
    { label: 'Overdue actions', question: 'Which actions are overdue?' },
    { label: "What's due", question: "What's due?" },
  ];
}
