// The demo's people: one real User per persona in each demo org, holding the package's permission
// sets as docs/security.md assigns them. The page's user switcher picks one; every Apex call and
// record save of the page then runs as that user, so each persona sees its real view, denials too.
import type { Org } from '../localorg/src/platform/index.ts';

export interface Persona {
  /** ?user= value */
  key: string;
  label: string;
  username: string;
  lastName: string;
  /** What the persona does, shown as the switcher button's title. */
  title: string;
  permissionSets: (org: Org) => string[];
}

const hasSet = (org: Org, name: string): boolean =>
  org.metadata.permissionSets.some((set) => set.name === name);

export const PERSONAS: readonly Persona[] = [
  {
    key: 'admin',
    label: 'Admin',
    username: 'admin@s2s.demo',
    lastName: 'Admin',
    title: 'S2S administrator: S2S_Admin',
    permissionSets: () => ['S2S_Admin']
  },
  {
    key: 'analyst',
    label: 'Analyst',
    username: 'analyst@s2s.demo',
    lastName: 'Analyst',
    title:
      'Reads sync results: S2S_Analyst where the package has it, else S2S_User and S2S_Auditor',
    // security.md has no analyst row yet: an analyst reads records' sync state and the audit
    // trail, and configures nothing.
    permissionSets: (org) =>
      hasSet(org, 'S2S_Analyst') ? ['S2S_Analyst'] : ['S2S_User', 'S2S_Auditor']
  },
  {
    key: 'enduser',
    label: 'End user',
    username: 'user@s2s.demo',
    lastName: 'User',
    title: 'Works on mapped records: S2S_User',
    permissionSets: () => ['S2S_User']
  },
  {
    key: 'auditor',
    label: 'Auditor',
    username: 'auditor@s2s.demo',
    lastName: 'Auditor',
    title: 'Reads the audit trail: S2S_Auditor',
    permissionSets: () => ['S2S_Auditor']
  }
];

export const DEFAULT_PERSONA = PERSONAS[0];

/** The persona of a ?user= value; the admin when empty; a clear error when unknown. */
export function personaNamed(key: string | null): Persona {
  if (!key) return DEFAULT_PERSONA;
  const persona = PERSONAS.find((candidate) => candidate.key === key);
  if (!persona)
    throw new Error(
      `No demo user ${key}: choose one of ${PERSONAS.map((candidate) => candidate.key).join(', ')}`
    );
  return persona;
}

/** Creates every persona's User in the org (Standard User profile, as a real org's people). */
export function createPersonas(org: Org): void {
  for (const persona of PERSONAS) {
    org.createUser({
      username: persona.username,
      lastName: persona.lastName,
      profile: 'Standard User',
      permissionSets: persona.permissionSets(org)
    });
  }
}
