// ConnectApi (Apex Reference, "ConnectApi Namespace"; Apex Developer Guide, "Testing ConnectApi Code":
// ConnectApi methods are not supported in data siloed tests, they throw
// System.UnsupportedOperationException there). The local org has no Chatter: in a test a ConnectApi
// call throws that exception, as in a data siloed test of a real org (public suites detect
// SeeAllData this way); outside a test it fails loudly.
import { UnsupportedError } from '../../runtime/platform.ts';
import { T_OBJECT, T_STRING, type ApexValue } from '../../runtime/values.ts';
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
  return [
    {
      name: 'ConnectApi.ChatterUsers',
      methods: [
        m(
          'getFollowings',
          [T_STRING, T_STRING],
          T_OBJECT,
          (ctx) => refuse(ctx, 'ConnectApi.ChatterUsers.getFollowings'),
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
    }
  ];
}
