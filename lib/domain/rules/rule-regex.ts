/**
 * The one place rule conditions compile a regular expression (Falco's `regex` operator), so the
 * engine behind it can be swapped in one line. Falco's dialect is RE2's; until the shared RE2
 * module lands, JavaScript's engine runs it, which agrees with RE2 on the syntax both accept.
 * A pattern that does not compile is a load error, never a silent false.
 */

export type RegexTest = (text: string) => boolean;

export function compileRuleRegex(pattern: string): RegexTest {
  // Falco's `regex` matches when the pattern matches the whole value (RE2::FullMatch).
  const re = new RegExp(`^(?:${pattern})$`, 'su');
  return (text) => re.test(text);
}
