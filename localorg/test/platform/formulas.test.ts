// The formula engine (src/platform/formula/): formula fields as SOQL returns them, roll-up summary
// fields, validation rules on save, default value formulas. Cited: Salesforce Help, "Formula
// Operators and Functions by Context" (and the page of each function used), "Build Cross-Object
// Formulas", "Handling Null Values in Formulas" (blank fields as zeroes or blanks), "Roll-Up
// Summary Field", "Define Validation Rules", "Define Default Field Values"; Apex Developer Guide,
// "Triggers and Order of Execution" (custom validation rules run after the before triggers and the
// system validation); Metadata API Developer Guide, "CustomField" (formula, formulaTreatBlanksAs,
// summaryOperation, summaryFilterItems) and "ValidationRule" (errorConditionFormula, errorMessage,
// errorDisplayField); REST API Developer Guide, "Status Codes and Error Responses".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { Org } from '../../src/platform/org.ts';
import { handleRest } from '../../src/platform/index.ts';
import { runtimeFor } from '../../src/runner/runner.ts';
import { parseFormula } from '../../src/platform/formula/parse.ts';
import { evaluate } from '../../src/platform/formula/evaluate.ts';
import { FormulaError, type FRef, type FormulaEnv } from '../../src/platform/formula/values.ts';
import { textOf } from '../../src/platform/formula/functions.ts';
import { ApexDate, ApexDecimal } from '../../src/runtime/values.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/formulas', import.meta.url));

let shared: Org | undefined;
function org(): Org {
  shared ??= new Org({ name: 'formulas', source: [FIXTURE], runtimeFactory: runtimeFor });
  return shared;
}

/** Runs anonymous Apex (its System.assert calls are the checks) and fails with the Apex error. */
function apex(source: string): void {
  const r = org().executeAnonymous(source);
  assert.equal(r.compileProblem, null, 'compiles');
  assert.equal(r.exceptionMessage, null, 'runs without an exception');
}

/** Evaluates a formula with fields given as typed values. */
function calc(formula: string, fields: Record<string, FRef> = {}, blankAsZero = false): string {
  const env: FormulaEnv = {
    ref: (p) => {
      const r = fields[p.join('.')];
      if (!r) throw new FormulaError(`Field ${p.join('.')} does not exist`, 'compile');
      return r;
    },
    now: () => Date.UTC(2024, 0, 15, 10, 30),
    today: () => new ApexDate(2024, 1, 15),
    blankAsZero
  };
  return String(textOf(evaluate(parseFormula(formula), env)));
}

test('operators and functions follow "Formula Operators and Functions"', () => {
  assert.equal(calc('1 + 2 * 3 - 4 / 2'), '5', 'precedence: * and / before + and -');
  assert.equal(calc('2 ^ 3 ^ 2'), '512', '^ binds right to left');
  assert.equal(calc('"a" & "b" + "c"'), 'abc', '& and + concatenate text');
  assert.equal(calc('IF(1 > 2, "yes", "no")'), 'no');
  assert.equal(calc('CASE(2, 1, "one", 2, "two", "other")'), 'two');
  assert.equal(calc('CASE(9, 1, "one", "other")'), 'other', 'the last argument is the else result');
  assert.equal(calc('AND(TRUE, NOT(FALSE)) && (FALSE || TRUE)'), 'true');
  assert.equal(
    calc('LEFT("Salesforce", 5) & RIGHT("Salesforce", 5) & MID("Salesforce", 6, 2)'),
    'SalesforceFo'.slice(0, 10) + 'fo'
  );
  assert.equal(calc('LEN("héllo") + FIND("l", "hello")'), '8');
  assert.equal(
    calc('SUBSTITUTE("a-b-c", "-", "+") & UPPER("x") & LOWER("Y") & TRIM("  z ")'),
    'a+b+cXyz'
  );
  assert.equal(
    calc('LPAD("7", 3, "0") & RPAD("ab", 4, "*") & LPAD("abcdef", 3)'),
    '007ab**abc',
    'longer text is cut'
  );
  assert.equal(
    calc(
      'CONTAINS("Salesforce", "force") && BEGINS("Salesforce", "Sales") && NOT(BEGINS("Salesforce", "sales"))'
    ),
    'true',
    'case-sensitive'
  );
  assert.equal(
    calc(
      'REGEX("415-555-1212", "[0-9]{3}-[0-9]{3}-[0-9]{4}") && NOT(REGEX("x415-555-1212", "[0-9]{3}-[0-9]{3}-[0-9]{4}"))'
    ),
    'true',
    'REGEX matches the whole text'
  );
  assert.equal(calc('TEXT(VALUE("12.50") * 2)'), '25');
  assert.equal(
    calc(
      'TEXT(ROUND(2.5, 0)) & " " & TEXT(ROUND(-2.5, 0)) & " " & TEXT(ROUND(1234.5678, 2)) & " " & TEXT(ROUND(1250, -2))'
    ),
    '3 -3 1234.57 1300',
    'ROUND: half away from zero'
  );
  assert.equal(
    calc(
      'TEXT(FLOOR(-2.5)) & " " & TEXT(CEILING(-2.5)) & " " & TEXT(CEILING(2.1)) & " " & TEXT(ABS(-3)) & " " & TEXT(MOD(7, 3))'
    ),
    '-2 -3 3 3 1',
    'FLOOR rounds towards zero and CEILING away from zero for a negative number'
  );
  assert.equal(calc('MAX(1, 5, 3) + MIN(4, 2)'), '7');
  assert.equal(calc('DATE(2024, 2, 29) + 1'), '2024-03-01');
  assert.equal(
    calc('DATE(2024, 3, 1) - DATE(2024, 2, 1)'),
    '29',
    'date − date is a number of days'
  );
  assert.equal(
    calc(
      'TEXT(ADDMONTHS(DATE(2024, 1, 31), 1)) & " " & TEXT(ADDMONTHS(DATE(2024, 2, 29), 1)) & " " & TEXT(ADDMONTHS(DATE(2024, 3, 15), -3))'
    ),
    '2024-02-29 2024-03-31 2023-12-15',
    'ADDMONTHS keeps the last day of a month'
  );
  assert.equal(
    calc(
      'TEXT(YEAR(TODAY())) & "/" & TEXT(MONTH(TODAY())) & "/" & TEXT(DAY(TODAY())) & " " & TEXT(WEEKDAY(DATE(2024, 6, 2)))'
    ),
    '2024/1/15 1',
    'WEEKDAY: 1 is Sunday'
  );
  assert.equal(
    calc(
      'TEXT(NOW()) & " " & TEXT(DATEVALUE(NOW())) & " " & TEXT(DATETIMEVALUE("2024-05-06 07:08:09"))'
    ),
    '2024-01-15 10:30:00Z 2024-01-15 2024-05-06 07:08:09Z'
  );
  assert.equal(
    calc('ISBLANK("") && ISBLANK(NULL) && NOT(ISBLANK(" "))'),
    'true',
    'empty text is blank'
  );
  assert.equal(calc('BLANKVALUE("", "x") & NULLVALUE("y", "z")'), 'xy');
  assert.equal(calc('IF(FALSE, 1/0, 2)'), '2', 'IF evaluates only the branch it takes');
  assert.equal(calc('/* a comment */ ISNUMBER("1.5") && NOT(ISNUMBER("x"))'), 'true');
  assert.equal(calc('CASESAFEID("001D000000IqhSL")'), '001D000000IqhSLIAZ');
});

test('a blank number is blank, or zero when the formula treats blank fields as zeroes', () => {
  const fields: Record<string, FRef> = {
    Amount__c: { v: null, t: 'number' },
    Qty__c: { v: ApexDecimal.fromInt(3), t: 'number' }
  };
  assert.equal(calc('Amount__c + Qty__c', fields, false), 'null', 'blank as blank');
  assert.equal(calc('Amount__c + Qty__c', fields, true), '3', 'blank as zero');
  assert.equal(calc('Amount__c > 0', fields, false), 'false', 'a comparison with a blank is false');
});

test('formula errors say what is wrong: syntax with the column, unknown functions and fields, bad types, division by zero', () => {
  assert.throws(() => parseFormula('1 +'), /ends too early/);
  assert.throws(() => parseFormula('IF(1 > 2, "a" "b")'), /expected '\)' at column 15/);
  assert.throws(() => calc('FOO(1)'), /Unknown function FOO/);
  assert.throws(() => calc('Missing__c + 1'), /Field Missing__c does not exist/);
  assert.throws(() => calc('IF(1, 2, 3)'), /Expected Boolean, received Number/);
  assert.throws(
    () => calc('IF(TRUE)'),
    /Incorrect number of parameters for function 'IF\(\)'. Expected 3, received 1/
  );
  assert.throws(
    () => calc('1 / 0'),
    (e: unknown) => e instanceof FormulaError && e.kind === 'runtime'
  );
});

test('formula fields are computed when SOQL reads them: cross-object references, $User, blank handling, scale', () => {
  apex(`
    Account a = new Account(Name = 'Acme');
    insert a;
    Invoice__c inv = new Invoice__c(Name = 'INV-1', Customer__c = a.Id, Discount__c = 10);
    insert inv;
    insert new List<Line__c>{
      new Line__c(Name = 'L1', Invoice__c = inv.Id, Amount__c = 600, Qty__c = 2),
      new Line__c(Name = 'L2', Invoice__c = inv.Id, Amount__c = 500.50, Status__c = 'Closed')
    };
    Invoice__c q = [SELECT Label__c, Net__c, Net_Or_Blank__c, Is_Big__c, Ratio__c FROM Invoice__c WHERE Id = :inv.Id];
    System.assertEquals('INV-1 for Acme', q.Label__c, 'Name & " for " & Customer__r.Name');
    System.assertEquals(990.45, q.Net__c, 'Total__c * (1 - Discount__c / 100), scale 2');
    System.assertEquals(true, q.Is_Big__c);
    System.assertEquals('0.1000', String.valueOf(q.Ratio__c), 'rounded to the field scale (4)');
    Line__c l = [SELECT Invoice_Label__c, Invoice__r.Label__c FROM Line__c WHERE Name = 'L1'];
    System.assertEquals('INV-1 for Acme', l.Invoice_Label__c, 'a formula reading a parent formula');
    System.assertEquals('INV-1 for Acme', l.Invoice__r.Label__c, 'a parent formula through a relationship');
    System.assertEquals(1, [SELECT COUNT() FROM Invoice__c WHERE Label__c = 'INV-1 for Acme'], 'WHERE on a formula');

    Invoice__c empty = new Invoice__c(Name = 'INV-2');
    insert empty;
    Invoice__c e = [SELECT Label__c, Net__c, Net_Or_Blank__c, Ratio__c, Is_Big__c FROM Invoice__c WHERE Id = :empty.Id];
    System.assertEquals('INV-2 for ', e.Label__c, 'a blank parent field reads as blank text');
    System.assertEquals(0, e.Net__c, 'BlankAsZero: the blank discount counts as 0');
    System.assertEquals(null, e.Net_Or_Blank__c, 'BlankAsBlank: a blank operand makes the result blank');
    System.assertEquals(null, e.Ratio__c, '1 / blank is blank');
    System.assertEquals(false, e.Is_Big__c);

    empty.Discount__c = 0;
    update empty;
    System.assertEquals(null, [SELECT Ratio__c FROM Invoice__c WHERE Id = :empty.Id].Ratio__c, 'division by zero reads as null (#Error! in the UI)');
  `);
});

test('roll-up summary fields follow every detail insert, update, delete and undelete, with filter criteria', () => {
  apex(`
    Invoice__c inv = new Invoice__c(Name = 'R-1');
    insert inv;
    Invoice__c r = [SELECT Total__c, Line_Count__c, Open_Lines__c, Largest_Line__c FROM Invoice__c WHERE Id = :inv.Id];
    System.assertEquals(0, r.Total__c, 'SUM over no records is 0');
    System.assertEquals(0, r.Line_Count__c);
    System.assertEquals(null, r.Largest_Line__c, 'MAX over no records is blank');
    List<Line__c> lines = new List<Line__c>();
    for (Integer i = 1; i <= 200; i++) {
      lines.add(new Line__c(Name = 'B' + i, Invoice__c = inv.Id, Amount__c = i, Status__c = Math.mod(i, 2) == 0 ? 'Closed' : 'Open'));
    }
    insert lines;
    r = [SELECT Total__c, Line_Count__c, Open_Lines__c, Largest_Line__c FROM Invoice__c WHERE Id = :inv.Id];
    System.assertEquals(20100, r.Total__c);
    System.assertEquals(200, r.Line_Count__c);
    System.assertEquals(100, r.Open_Lines__c, 'COUNT with Status__c equals Open');
    System.assertEquals(200, r.Largest_Line__c);
    lines[198].Amount__c = 1000;
    lines[198].Status__c = 'Closed';
    update lines[198];
    delete lines[0];
    r = [SELECT Total__c, Line_Count__c, Open_Lines__c, Largest_Line__c FROM Invoice__c WHERE Id = :inv.Id];
    System.assertEquals(20100 - 199 + 1000 - 1, r.Total__c);
    System.assertEquals(199, r.Line_Count__c);
    System.assertEquals(98, r.Open_Lines__c, 'line 199 closed, line 1 deleted');
    System.assertEquals(1000, r.Largest_Line__c);
    undelete lines[0];
    System.assertEquals(200, [SELECT Line_Count__c FROM Invoice__c WHERE Id = :inv.Id].Line_Count__c);
    Savepoint sp = Database.setSavepoint();
    delete [SELECT Id FROM Line__c WHERE Invoice__c = :inv.Id];
    System.assertEquals(0, [SELECT Line_Count__c FROM Invoice__c WHERE Id = :inv.Id].Line_Count__c);
    Database.rollback(sp);
    System.assertEquals(200, [SELECT Line_Count__c FROM Invoice__c WHERE Id = :inv.Id].Line_Count__c, 'a rollback restores the roll-up');
  `);
});

test('active validation rules reject a save with their message and error field, after the before triggers', () => {
  apex(`
    Invoice__c inv = new Invoice__c(Name = 'V-1');
    insert inv;
    List<Line__c> lines = new List<Line__c>{
      new Line__c(Name = 'ok', Invoice__c = inv.Id, Amount__c = 1),
      new Line__c(Name = 'bad', Invoice__c = inv.Id, Amount__c = -1),
      new Line__c(Name = 'fix me', Invoice__c = inv.Id, Amount__c = -1)
    };
    List<Database.SaveResult> rs = Database.insert(lines, false);
    System.assert(rs[0].isSuccess(), 'a record the rules accept is saved');
    System.assert(!rs[1].isSuccess(), 'Amount__c <= 0 fails');
    Database.Error err = rs[1].getErrors()[0];
    System.assertEquals(StatusCode.FIELD_CUSTOM_VALIDATION_EXCEPTION, err.getStatusCode());
    System.assertEquals('Amount must be positive', err.getMessage());
    System.assertEquals(new List<String>{ 'Amount__c' }, err.getFields(), 'the rule\\'s error display field');
    System.assert(rs[2].isSuccess(), 'the before trigger set Amount__c = 5 before the rules ran');
    System.assertEquals(5, [SELECT Amount__c FROM Line__c WHERE Id = :rs[2].getId()].Amount__c);

    try {
      insert new Line__c(Name = 'bad', Invoice__c = inv.Id, Amount__c = 0);
      System.assert(false, 'insert should fail');
    } catch (DmlException e) {
      System.assertEquals('Insert failed. First exception on row 0; first error: FIELD_CUSTOM_VALIDATION_EXCEPTION, Amount must be positive: [Amount__c]', e.getMessage());
      System.assertEquals(StatusCode.FIELD_CUSTOM_VALIDATION_EXCEPTION, e.getDmlType(0));
    }
    try {
      insert new Account(Name = 'Rejected Ltd');
      System.assert(false, 'insert should fail');
    } catch (DmlException e) {
      System.assertEquals('Account names may not start with Reject', e.getDmlMessage(0), 'a rule on a standard object');
      System.assertEquals(0, e.getDmlFieldNames(0).size(), 'no error display field: on the record');
    }
  `);
});

test('ISNEW, ISCHANGED and PRIORVALUE see the record before the save; an inactive rule never runs', () => {
  apex(`
    Invoice__c inv = new Invoice__c(Name = 'P-1');
    insert inv;
    Line__c l = new Line__c(Name = 'closed', Invoice__c = inv.Id, Amount__c = 10, Status__c = 'Closed');
    insert l;
    l.Qty__c = 3;
    update l;
    l.Amount__c = 11;
    Database.SaveResult r = Database.update(l, false);
    System.assert(!r.isSuccess(), 'a closed line cannot change its amount');
    System.assertEquals('A closed line cannot change its amount', r.getErrors()[0].getMessage());
    Line__c reopen = new Line__c(Id = l.Id, Status__c = 'Open', Amount__c = 12);
    System.assert(!Database.update(reopen, false).isSuccess(), 'PRIORVALUE(Status__c) is the stored Closed, not the new Open');
    update new Line__c(Id = l.Id, Status__c = 'Open');
    update new Line__c(Id = l.Id, Amount__c = 12);
    System.assertEquals(12, [SELECT Amount__c FROM Line__c WHERE Id = :l.Id].Amount__c, 'an open line may change its amount');
    Line__c fresh = new Line__c(Name = 'new closed', Invoice__c = inv.Id, Amount__c = 3, Status__c = 'Closed');
    insert fresh;
    System.assertNotEquals(null, fresh.Id, 'ISNEW(): the rule does not apply on insert');
  `);
});

test('default value formulas are evaluated on insert', () => {
  apex(`
    Invoice__c inv = new Invoice__c(Name = 'D-1');
    insert inv;
    Invoice__c q = [SELECT Due__c, Created_By_Email__c FROM Invoice__c WHERE Id = :inv.Id];
    System.assertEquals(Date.today().addDays(30), q.Due__c, 'TODAY() + 30');
    System.assertEquals(UserInfo.getUserEmail(), q.Created_By_Email__c, '$User.Email');
    Invoice__c given = new Invoice__c(Name = 'D-2', Due__c = Date.newInstance(2030, 1, 1));
    insert given;
    System.assertEquals(Date.newInstance(2030, 1, 1), [SELECT Due__c FROM Invoice__c WHERE Id = :given.Id].Due__c, 'a value given wins over the default');
  `);
});

test('REST: a validation rule failure is a 400 with the rule message and fields', () => {
  const o = org();
  const res = handleRest(
    o,
    {
      method: 'POST',
      endpoint: 'https://x/services/data/v65.0/sobjects/Account',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ Name: 'Reject this' }),
      timeoutMs: 10_000
    },
    o.adminUserId
  );
  assert.equal(res.status, 400, res.body);
  const [error] = JSON.parse(res.body) as {
    message: string;
    errorCode: string;
    fields?: string[];
  }[];
  assert.equal(error.errorCode, 'FIELD_CUSTOM_VALIDATION_EXCEPTION');
  assert.equal(error.message, 'Account names may not start with Reject');
  assert.deepEqual(error.fields ?? [], [], 'no error display field');
});

test('FormulaEval: a formula built in Apex evaluates an SObject or an Apex object; bad formulas fail at build()', () => {
  apex(`
    Account acme = new Account(Name = 'Acme', Website = 'acme.example');
    FormulaEval.FormulaInstance f = Formula.builder()
      .withType(Schema.Account.class)
      .withReturnType(FormulaEval.FormulaReturnType.STRING)
      .withFormula('Name & " (" & Website & ")"')
      .build();
    System.assertEquals('Acme (acme.example)', f.evaluate(acme));
    System.assertEquals(new Set<String>{ 'Name', 'Website' }, f.getReferencedFields());
    FormulaEval.FormulaInstance t = Formula.builder()
      .withType(Account.SObjectType)
      .withReturnType(FormulaEval.FormulaReturnType.STRING)
      .withFormula('{!Name} ({!Website})')
      .parseAsTemplate(true)
      .build();
    System.assertEquals('Acme (acme.example)', t.evaluate(acme), 'template mode');
    FormulaEval.FormulaInstance b = Formula.builder()
      .withType(Account.SObjectType)
      .withReturnType(FormulaEval.FormulaReturnType.BOOLEAN)
      .withGlobalVariables(FormulaEval.FormulaGlobal.values())
      .withFormula('AND(NumberOfEmployees > 10, $User.Id != null)')
      .build();
    System.assertEquals(true, b.evaluate(new Account(Name = 'x', NumberOfEmployees = 11)));
    System.assertEquals(false, b.evaluate(new Account(Name = 'x')), 'a blank number is not > 10');
    try {
      Formula.builder().withType(Account.SObjectType).withReturnType(FormulaEval.FormulaReturnType.STRING).withFormula('Nope__c & "x"').build();
      System.assert(false, 'an unknown field fails at build()');
    } catch (System.FormulaValidationException e) {
      System.assert(e.getMessage().contains('Nope__c'), e.getMessage());
    }
    try {
      Formula.builder().withType(Account.SObjectType).withReturnType(FormulaEval.FormulaReturnType.STRING).withFormula('IF(').build();
      System.assert(false, 'a syntax error fails at build()');
    } catch (System.FormulaValidationException e) {
      System.assert(e.getMessage().startsWith('Syntax error'), e.getMessage());
    }
  `);
});

test('Formula.recalculateFormulas sets the formula fields of records in memory', () => {
  apex(`
    Account a = new Account(Name = 'Parent Co');
    insert a;
    Invoice__c inv = new Invoice__c(Name = 'M-1', Customer__c = a.Id, Discount__c = 50);
    List<FormulaRecalcResult> results = Formula.recalculateFormulas(new List<Invoice__c>{ inv });
    System.assert(results[0].isSuccess());
    System.assertEquals('M-1 for Parent Co', inv.Label__c, 'a parent read from the database');
    System.assertEquals('M-1 for Parent Co', ((Invoice__c) results[0].getSObject()).Label__c);
  `);
});
