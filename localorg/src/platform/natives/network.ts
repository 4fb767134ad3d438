// System.Network (Apex Reference, "Network Class"): the Experience Cloud site the running user is in.
// The local org has no sites: getNetworkId() is null, as for code that does not run in a site.
import { T_ID } from '../../runtime/values.ts';
import { m, type PlatformClassDef } from './common.ts';

export function networkClasses(): PlatformClassDef[] {
  return [
    {
      name: 'System.Network',
      aliases: ['Network'],
      methods: [m('getNetworkId', [], T_ID, () => null, true)]
    }
  ];
}
