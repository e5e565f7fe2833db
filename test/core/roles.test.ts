import { describeRole, hasAtLeast, isRole, ROLES } from '../../src/core/roles';

describe('roles', () => {
  test('each role carries the rights of the ones below it', () => {
    expect(hasAtLeast('admin', 'coordinator')).toBe(true);
    expect(hasAtLeast('coordinator', 'officer')).toBe(true);
    expect(hasAtLeast('officer', 'coordinator')).toBe(false);
    expect(hasAtLeast('member', 'officer')).toBe(false);
  });

  test('only the four roles are roles', () => {
    expect(ROLES.filter(isRole)).toEqual(['member', 'officer', 'coordinator', 'admin']);
    expect(isRole('chief')).toBe(false);
  });

  test('each role is described in words a user understands', () => {
    expect(describeRole('member')).toMatch(/read-only/);
    expect(describeRole('officer')).toMatch(/actions you lead/);
  });
});
