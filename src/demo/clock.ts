/**
 * Where the demo's clock starts: shortly before the first reminder for the September 2021
 * progress report to the Crime and Disorder Committee falls due, so a newcomer sees one arrive.
 */
export { DEMO_CLOCK_START } from './followUps';
