/**
 * System.TimeZone and System.UserInfo: the running user as the platform describes them.
 */
import { ApexDatetime, NativeObject } from '../../runtime/values.js';
import type { NativeCallContext } from '../../runtime/platform.js';
import { unsupported } from '../../runtime/errors.js';
import { stringOf, toId } from '../../runtime/ops.js';
import { zonedParts } from '../../runtime/tz.js';
import type { BuiltinClass } from '../../runtime/builtins.js';

export const userClasses: BuiltinClass[] = [];

interface TimeZoneState {
  id: string;
}

userClasses.push({
  name: 'System.TimeZone',
  statics: {
    gettimezone: (_c, a) =>
      new NativeObject<TimeZoneState>('System.TimeZone', { id: stringOf(a[0]) })
  },
  methods: {
    getid: (_c, self: NativeObject<TimeZoneState>) => self.state.id,
    getdisplayname: (_c, self: NativeObject<TimeZoneState>) =>
      new Intl.DateTimeFormat('en-US', { timeZone: self.state.id, timeZoneName: 'long' })
        .formatToParts(new Date())
        .find((p) => p.type === 'timeZoneName')?.value ?? self.state.id,
    getoffset: (_c, self: NativeObject<TimeZoneState>, a) =>
      zonedParts((a[0] as ApexDatetime).epochMs, self.state.id).offsetMinutes * 60000,
    tostring: (_c, self: NativeObject<TimeZoneState>) => self.state.id
  }
});

const user = (ctx: NativeCallContext) => ctx.platform.runningUser();
userClasses.push({
  name: 'System.UserInfo',
  statics: {
    getuserid: (ctx) => toId(user(ctx).id),
    getusername: (ctx) => user(ctx).userName,
    getname: (ctx) => user(ctx).name,
    getfirstname: (ctx) => user(ctx).firstName,
    getlastname: (ctx) => user(ctx).lastName,
    getuseremail: (ctx) => user(ctx).email,
    getprofileid: (ctx) => toId(user(ctx).profileId),
    getuserroleid: (ctx) => {
      const role = user(ctx).roleId;
      return role ? toId(role) : null;
    },
    getusertype: (ctx) => user(ctx).userType,
    gettimezone: (ctx) =>
      new NativeObject<TimeZoneState>('System.TimeZone', { id: user(ctx).timeZone }),
    getlocale: (ctx) => user(ctx).locale,
    getlanguage: (ctx) => user(ctx).language,
    getdefaultcurrency: (ctx) => user(ctx).defaultCurrency,
    getorganizationid: (ctx) => toId(user(ctx).organizationId),
    getorganizationname: (ctx) => user(ctx).organizationName,
    ismulticurrencyorganization: () => false,
    getsessionid: (ctx) => ctx.platform.sessionId?.() ?? null,
    getuithemedisplayed: () => 'Theme4d',
    getuitheme: () => 'Theme4d',
    iscurrentuserlicensed: () => unsupported('UserInfo.isCurrentUserLicensed')
  }
});
