import { describe, expect, it } from 'vitest';
import { tokenize } from './condition-tokenizer';

const kinds = (text: string) => tokenize(text).map((t) => [t.kind, t.text]);

describe('tokenize', () => {
  it('splits words, symbols and punctuation with their offsets', () => {
    const tokens = tokenize('proc.name in (sh, bash)');
    expect(tokens.map((t) => [t.kind, t.text, t.offset])).toEqual([
      ['word', 'proc.name', 0],
      ['word', 'in', 10],
      ['lparen', '(', 13],
      ['word', 'sh', 14],
      ['comma', ',', 16],
      ['word', 'bash', 18],
      ['rparen', ')', 22],
      ['eof', '', 23],
    ]);
  });

  it('needs no spaces around comparison symbols', () => {
    expect(kinds('evt.type=execve and fd.rport>=6443 and proc.pid!=1')).toEqual([
      ['word', 'evt.type'], ['symbol', '='], ['word', 'execve'], ['word', 'and'],
      ['word', 'fd.rport'], ['symbol', '>='], ['word', '6443'], ['word', 'and'],
      ['word', 'proc.pid'], ['symbol', '!='], ['word', '1'], ['eof', ''],
    ]);
  });

  it('keeps brackets, paths, dashes and globs inside barewords', () => {
    expect(kinds('proc.aname[2] k8s.pod.label[app.kubernetes.io/name] /var/log/* -e -[!-]*[ec]')).toEqual([
      ['word', 'proc.aname[2]'], ['word', 'k8s.pod.label[app.kubernetes.io/name]'], ['word', '/var/log/*'],
      ['word', '-e'], ['word', '-[!-]*[ec]'], ['eof', ''],
    ]);
  });

  it('reads double- and single-quoted strings with escapes', () => {
    expect(kinds(String.raw`"BEGIN RSA PRIVATE KEY" 'it''s' "a \"q\" \\ \n"`)).toEqual([
      ['string', 'BEGIN RSA PRIVATE KEY'], ['string', 'it'], ['string', 's'], ['string', 'a "q" \\ \n'], ['eof', ''],
    ]);
  });

  it('reports an unterminated string at its opening quote', () => {
    expect(() => tokenize('proc.args contains "abc')).toThrow('unterminated string at column 20');
  });

  // Issue 15 changed this: Falco's rules write "\ " for a backslash and a space, so a backslash
  // before any other character is kept, as Falco keeps it (it used to be a load error).
  it('keeps a backslash before other characters, as Falco does ("\\ ")', () => {
    expect(kinds(String.raw`"\ " "a\qb" \)`)).toEqual([
      ['string', '\\ '], ['string', 'a\\qb'], ['word', '\\'], ['rparen', ')'], ['eof', ''],
    ]);
  });
});
