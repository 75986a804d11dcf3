/** Every function of docs/entra-behaviour.md §6 the emulator implements, with the documented sample inputs/outputs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression, type Value } from '../../mock-idp/expressions/compile.js';
import { ExpressionError, ExpressionRuntimeError } from '../../mock-idp/expressions/errors.js';

const NOW = new Date(Date.UTC(2021, 6, 2, 15, 33, 38));
function run(expr: string, attrs: Record<string, Value> = {}): Value {
  return compileExpression(expr).evaluate({ get: (n) => attrs[n] ?? null, now: () => NOW });
}

test('documented samples evaluate to the documented outputs', () => {
  const cases: Array<[string, Record<string, Value>, Value]> = [
    ['Append([userPrincipalName], ".test")', { userPrincipalName: 'John.Doe@contoso.com' }, 'John.Doe@contoso.com.test'],
    ['Coalesce([mail],[userPrincipalName])', { userPrincipalName: 'John.Doe@contoso.com' }, 'John.Doe@contoso.com'],
    ['Join(", ", "", [surname], [givenName])', { givenName: 'John', surname: 'Doe' }, 'Doe, John'],
    ['Join(" ", [givenName], [surname])', { givenName: 'John' }, 'John'],
    ['Join(",", [proxyAddresses])', { proxyAddresses: ['a', 'b'] }, 'a,b'],
    ['ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"))', { PreferredFirstName: 'John', PreferredLastName: 'Smith' }, 'john.smith@contoso.com'],
    ['ToUpper([c])', { c: 'us' }, 'US'],
    ['NormalizeDiacritics([givenName])', { givenName: 'Zoë' }, 'Zoe'],
    ['NormalizeDiacritics("Æsa Øre Straße Łódź")', {}, 'AEsa OEre Strasse Lodz'],
    ['Switch([IsSoftDeleted], , "False", "True", "True", "False")', { IsSoftDeleted: 'False' }, 'True'],
    ['Switch([IsSoftDeleted], , "False", "True", "True", "False")', { IsSoftDeleted: 'True' }, 'False'],
    ['Switch([IsSoftDeleted], , "False", "True", "True", "False")', { IsSoftDeleted: 'x' }, null],
    ['Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")', { state: 'QLD' }, 'Australia/Brisbane'],
    ['Switch([country],[country],"","Other")', {}, 'Other'],
    ['Switch(IsPresent([jobTitle]), "DefaultValue", "True", [jobTitle])', { jobTitle: 'Dev' }, 'Dev'],
    ['Switch(IsPresent([jobTitle]), "DefaultValue", "True", [jobTitle])', {}, 'DefaultValue'],
    ['IIF([country]="USA",[country],[department])', { country: 'USA', department: 'Eng' }, 'USA'],
    ['IIF([country]="USA",IIF([state]="CA","True","False"),"False")', { country: 'USA', state: 'WA' }, 'False'],
    ['IIF([n] >= 10, "big", "small")', { n: '9' }, 'small'],
    ['Replace([BusinessTitle],"Product Developer", , , "Software Engineer", , )', { BusinessTitle: 'Product Developer' }, 'Software Engineer'],
    ['Replace([UserID],"<username>", , , , , "<username>@contoso.com")', { UserID: 'jsmith' }, 'jsmith@contoso.com'],
    ['Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", , "${phoneNumber}", , )', { telephoneNumber: '+91 9998887777' }, '9998887777'],
    // The doc prints 19998887777, but its own pattern keeps the "+" (.NET and JavaScript agree): a doc typo.
    ['Replace([mobile], , "[()\\\\s-]+", , "", , )', { mobile: '+1 (999) 888-7777' }, '+19998887777'],
    ['Replace([AddressLineData], ,"(?<streetNumber>^\\\\d*)","streetNumber", "888", , )', { AddressLineData: '545 Tremont Street' }, '888 Tremont Street'],
    ['Replace([userPrincipalName], , "(?<Suffix>@(.)*)", "Suffix", "", , )', { userPrincipalName: 'jsmith@contoso.com' }, 'jsmith'],
    ['Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber" , , [mobile], )', { telephoneNumber: '', mobile: '+91 8887779999' }, '8887779999'],
    ['Replace([mailNickname], , "[a-zA-Z_]*", , "", , )', { mailNickname: 'john_doe72' }, '72'],
    ['Replace([mail], "@contoso.com", , ,"", ,)', { mail: 'john.doe@contoso.com' }, 'john.doe'],
    ['Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))', { givenName: 'John', surname: 'Doe' }, 'JohDoe'],
    ['Not([a])', { a: 'True' }, 'False'],
    ['Not([a])', { a: 'no' }, 'True'],
    ['IsNull([displayName])', {}, 'True'],
    ['IsNullOrEmpty([displayName])', { displayName: '' }, 'True'],
    ['IsPresent([displayName])', { displayName: 'x' }, 'True'],
    ['SingleAppRoleAssignment([appRoleAssignments])', { appRoleAssignments: ['Admin'] }, 'Admin'],
    ['FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', { extensionAttribute1: '20150123105347.1Z' }, '2015-01-23'],
    ['FormatDateTime([d], "yyyy-MM-ddzzz", "M/d/yyyy h:mm:ss tt")', { d: '2020-12-31-08:00' }, '12/31/2020 8:00:00 AM'],
    ['FormatDateTime(DateFromNum(129699324000000000), , "", "yyyy-MM-ddTHH:mm:ssZ")', {}, '2012-01-01T23:00:00Z'],
    ['CStr(DateFromNum(129699324000000000))', {}, '1/1/2012 11:00:00 PM'],
    ['Left("John Doe", 3)', {}, 'Joh'],
    ['Left("John", -1)', {}, 'John'],
    ['Left([missing], 2)', {}, ''],
    ['Word("The quick brown fox",3," ")', {}, 'brown'],
    ['Word("This,string!has&many separators",3,",!&#")', {}, 'has'],
    ['Word("a b", 5, " ")', {}, ''],
    ['StripSpaces("a b  c")', {}, 'abc'],
    ['CStr([n])', { n: '42' }, '42'],
    ['CBool([attribute1] = [attribute2])', { attribute1: 'x', attribute2: 'x' }, 'True'],
    ['CBool("0")', {}, 'False'],
    ['Now()', {}, '7/2/2021 3:33:38 PM'],
    ['CDate("2009-06-15T01:45:30-07:00")', {}, new Date(Date.UTC(2009, 5, 15, 8, 45, 30))],
    ['InStr("repEated","e",3,vbBinaryCompare)', {}, '7'],
    ['InStr("The quick brown fox","quick")', {}, '5'],
    ['ConvertToBase64("Hello world!")', {}, 'SABlAGwAbABvACAAdwBvAHIAbABkACEA'],
    ['ConvertToUTF8Hex("Hello world!")', {}, '48656C6C6F20776F726C6421'],
    ['BitAnd(&HF, &HF7)', {}, '7'],
    ['Split([e], ",")', { e: 'PermissionSetOne,PermissionSetTwo' }, ['PermissionSetOne', 'PermissionSetTwo']],
    ['Item([proxyAddresses], 2)', { proxyAddresses: ['a', 'b'] }, 'b'],
    ['PCase("hello wORLD-x")', {}, 'Hello World-X'],
    ['IgnoreFlowIfNullOrEmpty([department])', { department: '' }, null],
    ['"Company name: \\"Contoso\\""', {}, 'Company name: "Contoso"'],
  ];
  for (const [expr, attrs, want] of cases) assert.deepEqual(run(expr, attrs), want, `${expr} with ${JSON.stringify(attrs)}`);
});

test('Guid() yields a fresh GUID each time', () => {
  const a = run('Guid()');
  assert.match(String(a), /^[0-9a-f-]{36}$/, 'a GUID');
  assert.notEqual(a, run('Guid()'), 'a new one each evaluation');
});

test('malformed expressions fail at compile time naming the position', () => {
  const bad: Array<[string, RegExp]> = [
    ['Appendd([a], "x")', /unknown function Appendd at position 1/],
    ['tolower([a])', /unknown function tolower \(function names are case-sensitive: did you mean ToLower\?\) at position 1/],
    ['Join(" ", [a]', /expected "," or "\)" in the arguments of Join but found the end of the expression at position 14/],
    ['Append([a, "x")', /unclosed attribute "\[": expected "\]" at position 8/],
    ['Append("x)', /unterminated string constant: expected a closing '"' at position 8/],
    ['Mid([a], 1)', /Mid takes 3 arguments, got 2 at position 1/],
    ['Switch([a], "d", "k")', /Switch takes at least 4 arguments, got 3 at position 1/],
    ['Switch([a], "d", "k", "v", "k2")', /Switch needs key\/value pairs/],
    ['Replace([a], , "(", , "", , )', /invalid regular expression "\(".* at position 16/],
    ['ToLower([a]) x', /unexpected "x" after a complete expression at position 14/],
    ['Append([a], $)', /unexpected character "\$" at position 13/],
    ['DateAdd("d", 7, Now())', /DateAdd is documented by Microsoft but not emulated/],
    ['Append([], "x")', /empty attribute name/],
    ['Append(foo, "x")', /unexpected name foo/],
    ['x'.repeat(10_001), /at most 10000/],
  ];
  for (const [expr, re] of bad) {
    assert.throws(() => compileExpression(expr), (e: unknown) => e instanceof ExpressionError && re.test(e.message), `${expr.slice(0, 40)} → ${re}`);
  }
});

test('runtime failures name the expression position', () => {
  assert.throws(() => run('IIF([country]="USA","a","b")'), (e: unknown) => e instanceof ExpressionRuntimeError && /null value \(expression position 14\)/.test(e.message), 'IIF on a null source fails like Entra');
  assert.throws(() => run('FormatDateTime([d], , "yyyy-MM-dd", "d")', { d: 'nope' }), ExpressionRuntimeError, 'unparsable date');
  assert.deepEqual(compileExpression('Join(" ", [givenName], [surname])').attributes, ['givenName', 'surname'], 'referenced attributes listed');
});
