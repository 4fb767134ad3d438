/** Compile errors are reported as the platform words them, with file:line:column, and fail the class's tests. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Interp } from '../../src/exec/interp.ts';
import { newRuntime } from '../../src/runner/runner.ts';
import { orgWithClasses } from '../apex-source.ts';

function load(text: string, path = 'Bad.cls'): Interp {
  return newRuntime().load([{ path, text, kind: 'class' }]);
}

test('an unknown variable is a compile error with its position', () => {
  const i = load('public class Bad {\n  static Integer f() {\n    return missing + 1;\n  }\n}');
  assert.deepEqual(i.diagnostics, [
    { file: 'Bad.cls', line: 3, column: 12, message: 'Variable does not exist: missing' }
  ]);
});

test('an unknown method names the argument types and the type searched', () => {
  const i = load("public class Bad {\n  static void f() {\n    foo('x');\n  }\n}");
  assert.equal(
    i.diagnostics[0].message,
    'Method does not exist or incorrect signature: void foo(String) from the type Bad'
  );
});

test('an unknown type is a compile error', () => {
  const i = load('public class Bad {\n  NoSuchType x;\n}');
  assert.equal(i.diagnostics[0].message, 'Invalid type: NoSuchType');
});

test('a missing return is a compile error', () => {
  const i = load(
    'public class Bad {\n  static Integer f(Boolean b) {\n    if (b) {\n      return 1;\n    }\n  }\n}'
  );
  assert.match(i.diagnostics[0].message, /^Missing return statement required return type: Integer/);
});

test('a syntax error is reported and the class still loads as failed', () => {
  const i = load('@IsTest public class Bad {\n  @IsTest static void t() { Integer x = ; }\n}');
  assert.equal(i.diagnostics.length, 1);
  assert.equal(i.diagnostics[0].line, 2);
});

test('tests of a class that fails to compile fail with the compile message', () => {
  const i = load(
    '@IsTest private class BadTest {\n  @IsTest static void t() {\n    Integer x = nope;\n  }\n}',
    'BadTest.cls'
  );
  const r = i.runTest('BadTest', 't');
  assert.equal(r.outcome, 'Fail');
  assert.equal(
    r.message,
    'Compile failed: BadTest: line 3, column 17: Variable does not exist: nope'
  );
});

test('a feature needing an org fails loudly without a platform', () => {
  const i = load(
    '@IsTest private class NeedsOrg {\n  @IsTest static void t() {\n    Database.setSavepoint();\n  }\n}',
    'NeedsOrg.cls'
  );
  const r = i.runTest('NeedsOrg', 't');
  assert.equal(r.outcome, 'Fail');
  assert.equal(r.message, 'Unsupported by the local org: Database.setSavepoint at NeedsOrg.cls:3');
});

test('anonymous Apex runs statements and top-level declarations', () => {
  const i = newRuntime();
  const ok = i.executeAnonymous(
    'Integer x = 2;\nInteger twice(Integer v) { return v * 2; }\nSystem.assertEquals(4, twice(x));'
  );
  assert.deepEqual(ok, {
    success: true,
    compileProblem: null,
    exceptionMessage: null,
    exceptionStackTrace: null
  });
  const bad = i.executeAnonymous("Integer y = 1;\nSystem.assertEquals(2, y, 'y');");
  assert.equal(bad.success, false);
  assert.equal(
    bad.exceptionMessage,
    'System.AssertException: Assertion Failed: y: Expected: 2, Actual: 1'
  );
  assert.equal(bad.exceptionStackTrace, 'AnonymousBlock: line 2, column 1');
});

test('uncaught exceptions carry the stack of Apex frames', () => {
  const i = load(
    '@IsTest private class Deep {\n  static void inner() {\n    Integer[] a = new Integer[0];\n    a[1] = 0;\n  }\n  @IsTest static void t() {\n    inner();\n  }\n}',
    'Deep.cls'
  );
  const r = i.runTest('Deep', 't');
  assert.equal(r.message, 'System.ListException: List index out of bounds: 1');
  assert.equal(r.stackTrace, 'Class.Deep.inner: line 4, column 1\nClass.Deep.t: line 7, column 1');
});

test('assertion failures cannot be caught', () => {
  const i = load(
    "@IsTest private class NoCatch {\n  @IsTest static void t() {\n    try {\n      System.assert(false, 'kept');\n    } catch (Exception e) {\n    }\n  }\n}",
    'NoCatch.cls'
  );
  const r = i.runTest('NoCatch', 't');
  assert.equal(r.message, 'System.AssertException: Assertion Failed: kept');
});

test('private and protected members are visible only where Apex allows', () => {
  const lib = `public virtual class Lib {
  private Integer secret = 1;
  @TestVisible private static Integer forTests = 2;
  protected Integer forKids = 3;
  public Integer count { get; private set; }
  private static void hidden() {}
  public Lib() { count = 0; }
}`;
  const check = (path: string, text: string) =>
    newRuntime()
      .load([
        { path: 'Lib.cls', text: lib, kind: 'class' },
        { path, text, kind: 'class' }
      ])
      .diagnostics.map((d) => d.message);
  assert.deepEqual(check('A.cls', 'public class A {\n  Integer f(Lib l) { return l.secret; }\n}'), [
    'Variable is not visible: Lib.secret'
  ]);
  assert.deepEqual(check('B.cls', 'public class B {\n  void f() { Lib.hidden(); }\n}'), [
    'Method is not visible: void Lib.hidden()'
  ]);
  assert.deepEqual(check('C.cls', 'public class C {\n  void f(Lib l) { l.count = 5; }\n}'), [
    'Variable is not visible: Lib.count'
  ]);
  assert.deepEqual(
    check('D.cls', 'public class D extends Lib {\n  Integer f() { return forKids + count; }\n}'),
    []
  );
  assert.deepEqual(
    check(
      'ETest.cls',
      '@IsTest private class ETest {\n  @IsTest static void t() { System.assertEquals(2, Lib.forTests); }\n}'
    ),
    []
  );
  assert.deepEqual(check('F.cls', 'public class F {\n  Integer f() { return Lib.forTests; }\n}'), [
    'Variable is not visible: Lib.forTests'
  ]);
});

test('assigning a scalar of another type is an illegal assignment, widening is not', () => {
  const msgs = (body: string) =>
    newRuntime()
      .load([
        {
          path: 'T.cls',
          text: `public class T {\n  static void f(Decimal dec, Long big) {\n    ${body}\n  }\n}`,
          kind: 'class'
        }
      ])
      .diagnostics.map((d) => d.message);
  assert.deepEqual(msgs("Integer i = 'x';"), ['Illegal assignment from String to Integer']);
  assert.deepEqual(msgs('Integer i = big;'), ['Illegal assignment from Long to Integer']);
  assert.deepEqual(msgs('Integer i; i = dec;'), ['Illegal assignment from Decimal to Integer']);
  assert.deepEqual(
    msgs(
      "Decimal d = 1; Long l = 2; Double x = 1.5; Id someId = '001000000000001'; String s = someId;"
    ),
    []
  );
});

test('integer literals are checked before their sign, as the platform does', () => {
  const msgs = (body: string) =>
    newRuntime()
      .load([
        {
          path: 'T.cls',
          text: `public class T {\n  static void f() {\n    ${body}\n  }\n}`,
          kind: 'class'
        }
      ])
      .diagnostics.map((d) => d.message);
  assert.deepEqual(msgs('Integer i = -2147483648;'), ['Illegal integer']);
  assert.deepEqual(msgs('Long l = 9223372036854775808L;'), ['Illegal long']);
  assert.deepEqual(msgs('Integer i = -2147483647 - 1; Long l = -9223372036854775807L;'), []);
});

test('switch needs an Integer, Long, String, SObject or enum expression', () => {
  const i = newRuntime().load([
    {
      path: 'T.cls',
      text: 'public class T {\n  static void f(Object o) {\n    switch on o {\n      when else {\n      }\n    }\n  }\n}',
      kind: 'class'
    }
  ]);
  assert.deepEqual(
    i.diagnostics.map((d) => d.message),
    [
      "Switch expression must be a Integer, Long, String, SObject record or enum value, not 'Object'"
    ]
  );
});

test('a reserved name is refused for locals, parameters, fields and types, allowed for methods', () => {
  const local = load(
    'public class Bad {\n  static Integer f(Datetime moment) {\n    Datetime then = moment;\n    return 1;\n  }\n}'
  );
  assert.deepEqual(local.diagnostics, [
    { file: 'Bad.cls', line: 3, column: 14, message: 'Identifier name is reserved: then' }
  ]);
  const param = load('public class Bad {\n  static void f(String desc) {\n  }\n}');
  assert.equal(param.diagnostics[0]?.message, 'Identifier name is reserved: desc');
  const field = load('public class Bad {\n  public Integer group;\n}');
  assert.equal(field.diagnostics[0]?.message, 'Identifier name is reserved: group');
  const type = load('public class Bad {\n  public class Object {\n  }\n}');
  assert.equal(type.diagnostics[0]?.message, 'Identifier name is reserved: Object');
  const fine = load(
    'public class Fine {\n  static Integer count = 0;\n  static void then() {\n  }\n  static Date date() {\n    Date order = null;\n    return order;\n  }\n}',
    'Fine.cls'
  );
  assert.deepEqual(fine.diagnostics, []);
});

test('Schema.SObjectType.<name> of an object that does not exist is a compile error', async () => {
  const org = await orgWithClasses({
    Bad: 'public class Bad {\n  static String f() {\n    return Schema.SObjectType.NoSuchObject__c.getName();\n  }\n  static String g() {\n    return Schema.SObjectType.Account.getName();\n  }\n}'
  });
  assert.deepEqual(
    org.runtime?.diagnostics.map((d) => [d.line, d.message]),
    [[3, 'Variable does not exist: NoSuchObject__c']]
  );
});
