// Type names written as text at run time (`Type.forName`): 'Map<Id, List<Account>>' parsed into a TypeRef.
import { typeRef, type TypeRef } from '../runtime/values.js';
import type { TypeResolved } from './executor.js';

/** How a name is resolved: whether it is an object, and the type a dotted name denotes. */
export interface TypeNameScope {
  isSObjectType(name: string): string | null;
  lookup(names: readonly string[]): TypeResolved | null;
}

/** The type `name` denotes, generics included; null when a part is unknown or the text malformed. */
export function parseTypeName(name: string, scope: TypeNameScope): TypeRef | null {
  let i = 0;
  const src = name.replace(/\s+/g, '');
  const parse = (): TypeRef | null => {
    const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (!m) return null;
    i += m[0].length;
    // A bare object name is the object even where a class of the org has that name: NebulaLogger
    // ships classes `Account` and `User` and its tests, passing on scratch orgs with them deployed,
    // cast `Type.forName('User').newInstance()` to SObject (undocumented; observed behaviour).
    const names =
      m[0].includes('.') || !scope.isSObjectType(`Schema.${m[0]}`)
        ? m[0].split('.')
        : ['Schema', m[0]];
    const r = scope.lookup(names);
    if (!r) return null;
    const args: TypeRef[] = [];
    if (src[i] === '<') {
      i++;
      for (;;) {
        const a = parse();
        if (!a) return null;
        args.push(a);
        if (src[i] === ',') i++;
        else if (src[i] === '>') {
          i++;
          break;
        } else return null;
      }
    }
    return typeRef(r.t.name, args);
  };
  const t = parse();
  return t && i === src.length ? t : null;
}
