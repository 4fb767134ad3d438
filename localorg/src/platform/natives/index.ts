// Platform classes implemented in TypeScript and visible to Apex, one file per family (Database
// results and options, Schema describes, callouts, security, events, async contexts, Apex REST,
// labels and custom settings). Each family builds its definitions over `OrgServices`.
import type { NativeCallContext, NativeMethodDef } from '../../runtime/platform.ts';
import type { PlatformClassDef } from './common.ts';
import type { NativesEnv, OrgServices } from './services.ts';
import { asyncClasses } from './async.ts';
import { cacheClasses } from './cache.ts';
import { messagingClasses } from './messaging.ts';
import { flowClasses } from './flow.ts';
import { invocableClasses } from './invocable.ts';
import { networkClasses } from './network.ts';
import { connectClasses } from './connect.ts';
import { databaseClasses } from './database.ts';
import { eventClasses } from './events.ts';
import { formulaClasses } from './formula.ts';
import { httpClasses } from './http.ts';
import { restClasses } from './rest.ts';
import { sandboxClasses } from './sandbox.ts';
import { versionClasses } from './version.ts';
import { schemaClasses } from './schema.ts';
import { securityClasses } from './security.ts';
import { settingsAndLabelClasses } from './settings.ts';

export type { PlatformClassDef } from './common.ts';
export type { OrgServices, SentNotification, EventTriggerContext } from './services.ts';
export { resultValue, statusCode } from './database.ts';
export { sobjectTypeInfo } from './schema.ts';

export function platformNatives(built: OrgServices): PlatformClassDef[] {
  // Each org's interpreter registers its own definitions (runtime/builtins.ts); each call still
  // rebinds `env.org` to the org running the code (the call's platform), so a definition never
  // depends on which org built it.
  const env: NativesEnv = { org: built };
  const defs: PlatformClassDef[] = [
    ...databaseClasses(),
    ...schemaClasses(env),
    ...httpClasses(env),
    ...securityClasses(env),
    ...eventClasses(env),
    ...formulaClasses(env),
    ...asyncClasses(),
    ...restClasses(env),
    ...sandboxClasses(),
    ...versionClasses(),
    ...settingsAndLabelClasses(env),
    ...cacheClasses(env),
    ...messagingClasses(env),
    ...flowClasses(),
    ...invocableClasses(env),
    ...networkClasses(),
    ...connectClasses(env)
  ];
  const bound = <A extends unknown[], R>(
    fn: (ctx: NativeCallContext, ...rest: A) => R
  ): ((ctx: NativeCallContext, ...rest: A) => R) => {
    return (ctx, ...rest) => {
      const running = ctx.platform as unknown as Partial<OrgServices>;
      if (running === env.org || !running.schema || !running.store) return fn(ctx, ...rest);
      const previous = env.org;
      env.org = running as OrgServices;
      try {
        return fn(ctx, ...rest);
      } finally {
        env.org = previous;
      }
    };
  };
  const bindMethod = (d: NativeMethodDef): NativeMethodDef => ({ ...d, impl: bound(d.impl) });
  return defs.map((d) => ({
    ...d,
    methods: d.methods.map(bindMethod),
    ...(d.constructors ? { constructors: d.constructors.map(bindMethod) } : {}),
    ...(d.property ? { property: bound(d.property.bind(d)) } : {}),
    ...(d.setProperty ? { setProperty: bound(d.setProperty.bind(d)) } : {}),
    ...(d.staticProperty ? { staticProperty: bound(d.staticProperty.bind(d)) } : {}),
    ...(d.setStaticProperty ? { setStaticProperty: bound(d.setStaticProperty.bind(d)) } : {})
  }));
}
