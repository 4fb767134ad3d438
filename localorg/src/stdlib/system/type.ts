/**
 * System.Type: Type.forName, newInstance, isAssignableFrom.
 */
import { ApexTypeValue, keyEquals, typeToString } from '../../runtime/values.js';
import { stringOf } from '../../runtime/ops.js';
import type { BuiltinClass } from '../../runtime/builtins.js';

export const typeClasses: BuiltinClass[] = [];

// ---------------------------------------------------------------------------------------------
// Type

typeClasses.push({
  name: 'System.Type',
  statics: {
    // forName(namespace, name): a null or empty namespace names the org's own class (Apex
    // Reference, Type Class); forName(name) resolves in the calling code's namespace.
    forname: (ctx, a) => {
      const own = a.length === 2 && !a[0];
      const name =
        a.length === 2
          ? a[0]
            ? `${stringOf(a[0])}.${stringOf(a[1])}`
            : stringOf(a[1])
          : stringOf(a[0]);
      const t = ctx.runtime.typeForName(name, own);
      return t ? new ApexTypeValue(t) : null;
    }
  },
  methods: {
    // A managed package's class is named with its namespace, `ns.Name`.
    getname: (c, self: ApexTypeValue) =>
      c.runtime.qualifiedTypeName?.(self.type) ?? typeToString(self.type),
    tostring: (c, self: ApexTypeValue) =>
      c.runtime.qualifiedTypeName?.(self.type) ?? typeToString(self.type),
    equals: (_c, self: ApexTypeValue, a) => keyEquals(self, a[0]),
    hashcode: (_c, self: ApexTypeValue) => typeToString(self.type).toLowerCase().length,
    newinstance: (ctx, self: ApexTypeValue) => {
      const interp = ctx.runtime;
      const n = self.type.name.toLowerCase();
      if (n === 'list' || n === 'set' || n === 'map') return interp.newCollection(self.type, []);
      const so = interp.isSObjectType(self.type.name);
      if (so) return interp.platform.newSObject(interp.nativeContext(), so);
      return interp.newInstance(self.type.name);
    },
    isassignablefrom: (ctx, self: ApexTypeValue, a) => {
      const other = (a[0] as ApexTypeValue).type;
      const interp = ctx.runtime;
      const cls = interp.classByType(other);
      return (
        other.name.toLowerCase() === self.type.name.toLowerCase() ||
        self.type.name === 'Object' ||
        !!cls?.isSubtypeOf(self.type.name)
      );
    }
  }
});
