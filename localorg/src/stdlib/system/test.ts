/**
 * System.Test: test context, startTest/stopTest, mocks, stubs.
 */
import {
  ApexDate,
  ApexDatetime,
  ApexId,
  ApexList,
  ApexObject,
  ApexTypeValue,
  NativeObject,
  type ApexValue
} from '../../runtime/values.js';
import { throwApex } from '../../runtime/errors.js';
import { unsupported } from '../../runtime/errors.js';
import { stringOf, toId } from '../../runtime/ops.js';
import { optionalPlatform } from './system.js';
import type { BuiltinClass } from '../../runtime/builtins.js';

export const testClasses: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// Test, Limits, UserInfo

testClasses.push({
  name: 'System.Test',
  statics: {
    isrunningtest: (ctx) => ctx.runtime.runningTest,
    starttest: (ctx) => {
      ctx.platform.startTest(ctx);
      return null;
    },
    stoptest: (ctx) => {
      ctx.platform.stopTest(ctx);
      return null;
    },
    setmock: (ctx, a) => {
      ctx.platform.setMock(ctx, (a[0] as ApexTypeValue).type, a[1]);
      return null;
    },
    getstandardpricebookid: (ctx) =>
      optionalPlatform<ApexValue>(ctx, 'standardPricebookId') ??
      unsupported('Test.getStandardPricebookId'),
    geteventbus: (ctx) =>
      optionalPlatform<ApexValue>(ctx, 'testEventBus') ?? unsupported('Test.getEventBus'),
    enablechangedatacapture: (ctx) =>
      optionalPlatform<ApexValue>(ctx, 'enableChangeDataCapture') ?? null,
    // Test Class, setCreatedDate(recordId, createdDatetime): neither argument may be null.
    setcreateddate: (ctx, a) => {
      if (!ctx.platform.setCreatedDate) unsupported('Test.setCreatedDate');
      if (a[0] === null || a[1] === null || a[1] === undefined)
        throwApex(
          'System.IllegalArgumentException',
          `Test.setCreatedDate: ${a[0] === null ? 'recordId' : 'createdDatetime'} must not be null`
        );
      const id = a[0] instanceof ApexId ? a[0].value : toId(stringOf(a[0])).value;
      const when = a[1];
      const ms =
        when instanceof ApexDatetime
          ? when.epochMs
          : when instanceof ApexDate
            ? Date.UTC(when.year, when.month - 1, when.day)
            : throwApex('System.TypeException', 'Test.setCreatedDate needs a Datetime');
      ctx.platform.setCreatedDate(ctx, id, ms);
      return null;
    },
    // Test Class, calculatePermissionSetGroup(psgId) / (psgIds): the groups' aggregate permissions
    // are calculated now (platform/org.ts).
    calculatepermissionsetgroup: (ctx, a) => {
      const calc = (
        ctx.platform as unknown as {
          calculatePermissionSetGroup?(c: typeof ctx, ids: string[]): void;
        }
      ).calculatePermissionSetGroup;
      if (!calc) unsupported('Test.calculatePermissionSetGroup');
      if (a[0] === null || a[0] === undefined)
        throwApex('System.NullPointerException', 'Argument cannot be null.');
      const items = a[0] instanceof ApexList ? a[0].items : [a[0]];
      const ids = items.map((v) => (v instanceof ApexId ? v.value : toId(stringOf(v)).value));
      calc.call(ctx.platform, ctx, ids);
      return null;
    },
    setfixedsearchresults: (ctx, a) => {
      if (!ctx.platform.setFixedSearchResults) unsupported('Test.setFixedSearchResults');
      const ids = a[0] instanceof ApexList ? a[0].items : [];
      ctx.platform.setFixedSearchResults(
        ctx,
        ids.map((x) => (x instanceof ApexId ? x.value : toId(stringOf(x)).value))
      );
      return null;
    },
    loaddata: (ctx, a) =>
      ctx.platform.loadData
        ? ctx.platform.loadData(ctx, a[0], stringOf(a[1]))
        : unsupported('Test.loadData'),
    setcurrentpage: () => unsupported('Test.setCurrentPage'),
    setcurrentpagereference: () => unsupported('Test.setCurrentPageReference'),
    isrunningtestasync: () => false,
    createstub: (ctx, a) => ctx.runtime.createStub((a[0] as ApexTypeValue).type, a[1]),
    testinstall: () => unsupported('Test.testInstall'),
    // Test.testSandboxPostCopyScript(script, organizationId, sandboxId, sandboxName[, runAsAutoProc])
    // (Apex Reference, Test Class): calls script.runApexClass with a System.SandboxContext holding
    // the three values, as the running user. Running it as the Automated Process user is not
    // supported yet: it fails loudly.
    testsandboxpostcopyscript: (ctx, a) => {
      if (!(a[0] instanceof ApexObject))
        throwApex('System.NullPointerException', 'Argument cannot be null.');
      if (a.length > 4 && a[4] === true)
        unsupported('Test.testSandboxPostCopyScript as the Automated Process user');
      const id = (v: ApexValue): string =>
        v instanceof ApexId ? v.value : toId(stringOf(v)).value;
      const context = new NativeObject('System.SandboxContext', {
        organizationId: id(a[1]),
        sandboxId: id(a[2]),
        sandboxName: a[3] == null ? null : stringOf(a[3])
      });
      ctx.runtime.callMethod(a[0], 'runApexClass', [context]);
      return null;
    }
  }
});
