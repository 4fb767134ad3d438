// System.Network (Apex Reference, "Network Class"): the Experience Cloud site the running user is in.
// The local org has no sites: getNetworkId() is null, as for code that does not run in a site, and
// the URLs of a site (getLoginUrl, getLogoutUrl, getSelfRegUrl) are null for any Id, which names no
// site here.
import { T_ID, T_STRING } from '../../runtime/values.ts';
import { m, type PlatformClassDef } from './common.ts';

export function networkClasses(): PlatformClassDef[] {
  return [
    {
      name: 'System.Network',
      aliases: ['Network'],
      methods: [
        m('getNetworkId', [], T_ID, () => null, true),
        ...['getLoginUrl', 'getLogoutUrl', 'getSelfRegUrl'].map((name) =>
          m(name, [T_ID], T_STRING, () => null, true)
        )
      ]
    }
  ];
}
