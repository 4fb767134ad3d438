// System.Version: a package version, two-part (major.minor, as System.requestVersion gives it) or
// three-part (major.minor.patch) (Apex Reference, "Version Class"). compareTo ignores the patch
// when either side has none.
import { NativeObject, T_INTEGER, typeRef, type ApexValue } from '../../runtime/values.ts';
import { m, state, type PlatformClassDef } from './common.ts';

interface VersionState {
  major: number;
  minor: number;
  patch: number | null;
}

const T_VERSION = typeRef('System.Version');

function version(major: ApexValue, minor: ApexValue, patch: ApexValue | null): NativeObject {
  return new NativeObject<VersionState>('System.Version', {
    major: Number(major),
    minor: Number(minor),
    patch: patch == null ? null : Number(patch)
  });
}

export function versionClasses(): PlatformClassDef[] {
  return [
    {
      name: 'System.Version',
      aliases: ['Version'],
      constructors: [
        m('Version', [T_INTEGER, T_INTEGER], T_VERSION, (_c, _s, a) => version(a[0], a[1], null)),
        m('Version', [T_INTEGER, T_INTEGER, T_INTEGER], T_VERSION, (_c, _s, a) =>
          version(a[0], a[1], a[2])
        )
      ],
      methods: [
        m('major', [], T_INTEGER, (_c, self) => state<VersionState>(self).major),
        m('minor', [], T_INTEGER, (_c, self) => state<VersionState>(self).minor),
        m('patch', [], T_INTEGER, (_c, self) => state<VersionState>(self).patch),
        m('compareTo', [T_VERSION], T_INTEGER, (c, self, a) => {
          if (a[0] == null)
            return c.throwApex('System.NullPointerException', 'Argument cannot be null.');
          const x = state<VersionState>(self);
          const y = state<VersionState>(a[0]);
          const patches = x.patch != null && y.patch != null ? x.patch - y.patch : 0;
          return Math.sign(x.major - y.major || x.minor - y.minor || patches);
        })
      ]
    }
  ];
}
