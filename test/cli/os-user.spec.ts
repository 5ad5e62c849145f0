import { osUser } from '../../apps/runtime/ledger-session.service';

describe('the CLI actor of a local user', () => {
  it('is the passwd name, or for a user the passwd database does not know (docker run --user 1001), the environment or the uid', () => {
    const unknown = () => {
      throw Object.assign(new Error('uv_os_get_passwd returned ENOENT'), { code: 'ERR_SYSTEM_ERROR' });
    };
    expect(osUser(() => ({ username: 'xinxike' }), {})).toBe('xinxike');
    expect(osUser(unknown, { USER: 'li' })).toBe('li');
    expect(osUser(unknown, { LOGNAME: 'wang' })).toBe('wang');
    expect(osUser(unknown, {})).toBe(`uid:${process.getuid!()}`);
  });
});
