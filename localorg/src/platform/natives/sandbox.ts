// System.SandboxContext: what a sandbox post-copy script is told of the new sandbox (Apex Reference,
// "SandboxContext Interface": organizationId(), sandboxId(), sandboxName()). The platform builds it
// after a sandbox copy; tests build it with Test.testSandboxPostCopyScript.
import { ApexId, NativeObject, T_ID, T_STRING } from '../../runtime/values.ts';
import { m, state, type PlatformClassDef } from './common.ts';

/** The state of a SandboxContext. */
export interface SandboxContextState {
  organizationId: string;
  sandboxId: string;
  sandboxName: string;
}

/** A SandboxContext for a post-copy script. */
export function sandboxContext(s: SandboxContextState): NativeObject {
  return new NativeObject('System.SandboxContext', s);
}

export function sandboxClasses(): PlatformClassDef[] {
  return [
    {
      name: 'System.SandboxContext',
      aliases: ['SandboxContext'],
      methods: [
        m(
          'organizationId',
          [],
          T_ID,
          (_c, self) => new ApexId(state<SandboxContextState>(self).organizationId)
        ),
        m(
          'sandboxId',
          [],
          T_ID,
          (_c, self) => new ApexId(state<SandboxContextState>(self).sandboxId)
        ),
        m('sandboxName', [], T_STRING, (_c, self) => state<SandboxContextState>(self).sandboxName)
      ]
    }
  ];
}
