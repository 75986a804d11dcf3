/** Scoping filters (docs/entra-behaviour.md §4.3): every operator, AND within a filter, OR across filters, null ⇒ false. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileClause, compileFilters, passesFilters, OPERATORS, ScopingFilterError, type ScopeValue } from '../../mock-idp/scoping/filter.js';

const src = (attrs: Record<string, ScopeValue>) => (n: string): ScopeValue => attrs[n] ?? null;
const holds = (clause: string, attrs: Record<string, ScopeValue>): boolean => compileClause(clause, 'test').test(src(attrs));

test('each of the 14 documented operators', () => {
  const cases: Array<[string, Record<string, ScopeValue>, boolean]> = [
    ['department & Sales,Marketing', { department: 'Sales' }, true],
    ['department & Sales,Marketing', { department: 'Legal' }, false],
    ['department !& Sales,Marketing', { department: 'Legal' }, true],
    ['department !& Sales,Marketing', { department: 'Sales' }, false],
    ['userPrincipalName ENDS_WITH @contoso.com', { userPrincipalName: 'a@contoso.com' }, true],
    ['userPrincipalName ENDS_WITH @contoso.com', { userPrincipalName: 'a@fabrikam.com' }, false],
    ['department EQUALS sales', { department: 'sales' }, true],
    ['department EQUALS sales', { department: 'Sales' }, false],
    ['employeeId Greater_Than 1000', { employeeId: '1001' }, true],
    ['employeeId Greater_Than 1000', { employeeId: '1000' }, false],
    ['employeeId Greater_Than 1000', { employeeId: 'x1001' }, false],
    ['employeeId Greater_Than_OR_EQUALS 1000', { employeeId: '1000' }, true],
    ['employeeId Greater_Than_OR_EQUALS 1000', { employeeId: '999' }, false],
    ['jobTitle Includes Eng', { jobTitle: 'Senior Engineer' }, true],
    ['jobTitle Includes eng', { jobTitle: 'Senior Engineer' }, false],
    ['accountEnabled IS FALSE', { accountEnabled: 'False' }, true],
    ['accountEnabled IS FALSE', { accountEnabled: 'True' }, false],
    ['accountEnabled IS TRUE', { accountEnabled: 'True' }, true],
    ['accountEnabled IS TRUE', { accountEnabled: 'False' }, false],
    ['jobTitle IS NOT NULL', { jobTitle: 'x' }, true],
    ['jobTitle IS NOT NULL', {}, false],
    ['jobTitle IS NOT NULL', { jobTitle: '' }, false],
    ['jobTitle IS NULL', {}, true],
    ['jobTitle IS NULL', { jobTitle: '' }, true],
    ['jobTitle IS NULL', { jobTitle: 'x' }, false],
    ['department NOT EQUALS sales', { department: 'Sales' }, true],
    ['department NOT EQUALS sales', { department: 'sales' }, false],
    ['userPrincipalName NOT REGEX MATCH .*\\@domain.com', { userPrincipalName: 'a@other.com' }, true],
    ['userPrincipalName NOT REGEX MATCH .*\\@domain.com', { userPrincipalName: 'a@domain.com' }, false],
    ['userPrincipalName REGEX MATCH .*\\@domain.com', { userPrincipalName: 'a@domain.com' }, true],
    ['workerID REGEX MATCH (1[0-9][0-9][0-9][0-9][0-9][0-9])', { workerID: '1234567' }, true],
    ['workerID REGEX MATCH (1[0-9][0-9][0-9][0-9][0-9][0-9])', { workerID: '2234567' }, false],
  ];
  const seen = new Set<string>();
  for (const [clause, attrs, want] of cases) {
    const c = compileClause(clause, 'test');
    seen.add(c.operator);
    assert.equal(holds(clause, attrs), want, `${clause} with ${JSON.stringify(attrs)}`);
  }
  assert.deepEqual([...seen].sort(), [...OPERATORS].sort(), 'every documented operator is exercised');
});

test('null or empty makes every clause false (IS NULL aside); multi-valued attributes are not supported', () => {
  for (const clause of ['department NOT EQUALS sales', 'department !& Sales', 'department NOT REGEX MATCH ^x', 'accountEnabled IS FALSE']) {
    assert.equal(holds(clause, {}), false, `${clause} on a null attribute`);
    assert.equal(holds(clause, { department: '', accountEnabled: '' }), false, `${clause} on an empty attribute`);
  }
  assert.equal(holds('proxyAddresses Includes smtp', { proxyAddresses: ['smtp:a@b'] }), false, 'multi-valued ⇒ false');
});

test('clauses AND within a filter, filters OR across', () => {
  const filters = compileFilters([
    ['state EQUALS New York', 'department EQUALS Engineering'],
    ['jobTitle EQUALS CEO'],
  ], 'mappings.json user.scopingFilters');
  assert.equal(passesFilters(filters, src({ state: 'New York', department: 'Engineering' })), true, 'first filter, both clauses');
  assert.equal(passesFilters(filters, src({ state: 'New York', department: 'Sales' })), false, 'first filter, one clause fails');
  assert.equal(passesFilters(filters, src({ jobTitle: 'CEO' })), true, 'second filter');
  assert.equal(passesFilters([], src({})), true, 'no filter: everyone in scope');
  const obj = compileFilters([[{ attribute: 'employeeId', operator: 'greater_than', value: 5 }]], 'x');
  assert.equal(passesFilters(obj, src({ employeeId: '6' })), true, 'object clauses, operator case-insensitive');
});

test('a malformed scoping filter names the filter, the clause and the position', () => {
  const bad: Array<[unknown, RegExp]> = [
    [[['department EQUAL sales']], /user\.scopingFilters\[0\]\[0\] \(filter 1, clause 1\): unknown operator "EQUAL sales" at position 12 in "department EQUAL sales"/],
    [[['a EQUALS b', 'jobTitle IS NULL x']], /\[0\]\[1\] \(filter 1, clause 2\): IS NULL takes no value, found "x" at position 18/],
    [[['n Greater_Than ten']], /Greater_Than needs an integer value, found "ten" at position 16/],
    [[['upn REGEX MATCH ([a-z']], /invalid regular expression "\(\[a-z" at position 17/],
    [[['department']], /expected "attribute OPERATOR value"/],
    [[[]], /a filter is a non-empty array of clauses/],
    [[[{ attribute: 'a', operator: 'LIKE', value: 'x' }]], /unknown operator "LIKE"/],
  ];
  for (const [filters, re] of bad) {
    assert.throws(() => compileFilters(filters as never, 'mappings.json user.scopingFilters'), (e: unknown) => e instanceof ScopingFilterError && re.test(e.message), `${JSON.stringify(filters)} → ${re}`);
  }
});
