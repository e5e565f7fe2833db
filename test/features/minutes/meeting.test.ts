import { findMeeting } from '../../../src/features/minutes/meeting';
import { splitParagraphs } from '../../../src/features/minutes/normalise';

describe('the meeting a set of minutes records', () => {
  it('skips the council\'s name, the attendance and procedural items with their minute numbers to find the topic', () => {
    const text = [
      'BOLSOVER DISTRICT COUNCIL',
      'Minutes of a meeting of the Customer Services Scrutiny Committee held on Monday 14th February 2022 at 10:00 hours.',
      'PRESENT:-',
      'Councillor T. Munro in the Chair',
      'Officers:- K. Hanson (Head of Community Safety)',
      'CS45-21/22 APOLOGIES',
      'Apologies for absence were received from Councillor P. Smith.',
      'CS47-21/22 COMMUNITY SAFETY PARTNERSHIP UPDATE',
      'The Head of Community Safety presented the report.',
    ].join('\n\n');
    const { meeting } = findMeeting(splitParagraphs(text), null);
    expect(meeting).toMatchObject({ title: 'COMMUNITY SAFETY PARTNERSHIP UPDATE', date: '2022-02-14', presenter: 'Head of Community Safety' });
  });

  it('takes the title under "Agenda item" and the presenter of the report', () => {
    const { meeting } = findMeeting(splitParagraphs('Agenda item\n\nAnnual Community Safety Update\n\nMinutes:\n\nThe Head of Housing presented the annual update report.'), null);
    expect(meeting).toEqual({ title: 'Annual Community Safety Update', date: null, presenter: 'Head of Housing', nextMeetingDate: null });
  });

  it('takes the date from a dated heading, skipping timetable lines for the title', () => {
    const { meeting, notices } = findMeeting(splitParagraphs('Overview and Scrutiny Committee\n\nWednesday, 9th November, 2022\n\n6.00 - 6.30 pm – Introduction\n\nMinutes:\n\nThe report was noted.'), null);
    expect(meeting.title).toBe('Overview and Scrutiny Committee');
    expect(meeting.date).toBe('2022-11-09');
    expect(notices).toEqual([]);
  });

  it('says when it cannot tell the meeting date', () => {
    expect(findMeeting(splitParagraphs('Minutes:\n\nThe report was noted.'), null).notices.join(' ')).toMatch(/do not say when the meeting was/);
  });
});
