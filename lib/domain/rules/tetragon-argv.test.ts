import { describe, expect, it } from 'vitest';
import { splitTetragonArguments } from './tetragon-argv';

describe('splitTetragonArguments', () => {
  it('splits plain arguments on spaces', () => {
    expect(splitTetragonArguments('-9 1')).toEqual(['-9', '1']);
    expect(splitTetragonArguments('  -s   0 /var/log/x ')).toEqual(['-s', '0', '/var/log/x']);
    expect(splitTetragonArguments('')).toEqual([]);
  });

  it('keeps an argument with spaces, which Tetragon wraps in double quotes, whole', () => {
    expect(splitTetragonArguments('-c "truncate -s 0 /var/log/deathstar/access.log; /usr/bin/kill -9 1"')).toEqual([
      '-c',
      'truncate -s 0 /var/log/deathstar/access.log; /usr/bin/kill -9 1',
    ]);
    expect(splitTetragonArguments(' "BEGIN RSA PRIVATE KEY" -r /')).toEqual(['BEGIN RSA PRIVATE KEY', '-r', '/']);
  });

  it('keeps quotes inside a word and an unbalanced quote as text', () => {
    expect(splitTetragonArguments('a"b c')).toEqual(['a"b', 'c']);
    expect(splitTetragonArguments('"unclosed arg')).toEqual(['"unclosed', 'arg']);
  });
});
