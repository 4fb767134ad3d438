// ConnectApi (Apex Reference, "ConnectApi Namespace"; Apex Developer Guide, "Testing ConnectApi Code":
// ConnectApi methods are not supported in data siloed tests, they throw
// System.UnsupportedOperationException there). The local org has no Chatter: in a test a ConnectApi
// call throws that exception, as in a data siloed test of a real org (public suites detect
// SeeAllData this way); outside a test it fails loudly.
// In a SeeAllData=true test, `ChatterUsers.getFollowings` answers what the org's data holds: the local
// org keeps no Chatter subscriptions, so the page is empty (Apex Reference, "ConnectApi.FollowingPage":
// `following`, `total`, `nextPageUrl`, `previousPageUrl`; `currentPageUrl` is not modelled and fails
// loudly when read). Every other ConnectApi call still fails loudly there.
import { UnsupportedError } from '../../runtime/platform.ts';
import {
  ApexList,
  NativeObject,
  T_OBJECT,
  T_STRING,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import type { NativeCallContext } from '../../runtime/platform.ts';
import { m, type PlatformClassDef } from './common.ts';
import type { NativesEnv } from './services.ts';

const SILOED =
  'ConnectApi methods are not supported in data siloed tests. Please use @IsTest(SeeAllData=true).';

export function connectClasses(env: NativesEnv): PlatformClassDef[] {
  const refuse = (ctx: NativeCallContext, what: string): ApexValue => {
    if ((ctx.runtime as { runningTest?: boolean }).runningTest && !env.org.seeAllData())
      return ctx.throwApex('System.UnsupportedOperationException', SILOED);
    throw new UnsupportedError(`${what} (the local org has no Chatter)`, ctx.pos);
  };
  const followings = (ctx: NativeCallContext, args: ApexValue[]): ApexValue => {
    if ((ctx.runtime as { runningTest?: boolean }).runningTest && env.org.seeAllData()) {
      if (args[1] === null)
        return ctx.throwApex('System.NullPointerException', 'Argument cannot be null.');
      return new NativeObject('ConnectApi.FollowingPage', {});
    }
    return refuse(ctx, 'ConnectApi.ChatterUsers.getFollowings');
  };
  return [
    {
      name: 'ConnectApi.ChatterUsers',
      methods: [
        m(
          'getFollowings',
          [T_STRING, T_STRING],
          typeRef('ConnectApi.FollowingPage'),
          (ctx, _self, args) => followings(ctx, args),
          true
        ),
        m(
          'getFollowings',
          [T_STRING, T_STRING, T_OBJECT],
          T_OBJECT,
          (ctx) => refuse(ctx, 'ConnectApi.ChatterUsers.getFollowings'),
          true
        ),
        m(
          'getUser',
          [T_STRING, T_STRING],
          T_OBJECT,
          (ctx) => refuse(ctx, 'ConnectApi.ChatterUsers.getUser'),
          true
        )
      ]
    },
    {
      name: 'ConnectApi.FollowingPage',
      methods: [],
      property: (ctx, _self, name) => {
        switch (name.toLowerCase()) {
          case 'following':
            return new ApexList(typeRef('Object'), []);
          case 'total':
            return 0;
          case 'nextpageurl':
          case 'previouspageurl':
            return null;
          case 'currentpageurl':
            throw new UnsupportedError('ConnectApi.FollowingPage.currentPageUrl', ctx.pos);
          default:
            return undefined;
        }
      }
    }
  ];
}
