/**
 * System.Test: test context, startTest/stopTest, mocks, stubs.
 */
import { ApexId, ApexList, ApexTypeValue, type ApexValue } from '../../runtime/values.js';
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
    testinstall: () => unsupported('Test.testInstall')
  }
});
