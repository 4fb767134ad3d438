/**
 * Apex heap size, measured on Apex values (Apex Developer Guide, "Execution Governors and Limits":
 * total heap size 6 MB synchronous, 12 MB asynchronous; "Limits Class": getHeapSize()).
 *
 * The platform does not document how it sizes a value, so the local org uses a fixed, conservative
 * model over the values reachable from the running transaction (its frames' locals and `this`, and
 * every class's statics):
 * - a String counts one byte per UTF-16 code unit (the platform counts a character below U+10000 as
 *   one byte and one above as two, which is the same thing), an Id 18, a Blob its length;
 * - every other scalar (Boolean, Integer, Long, Double, Decimal, Date, Datetime, Time, enum) 8;
 * - a List, Set, Map, SObject, user object or platform object 8 plus what it holds (Map keys and
 *   values, SObject field values, object fields); each is counted once however often referenced;
 * - a String of 1,000 or more characters is counted once per distinct value; a shorter one every
 *   time it is referenced (never less than the platform: conservative).
 */
import {
  ApexBlob,
  ApexId,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexSObject,
  NativeObject,
  type ApexValue
} from './values.js';

const SCALAR = 8;
const CONTAINER = 8;
const SHARED_STRING = 1000;

/** Sizes values reachable from roots, counting each container once. */
export class HeapMeter {
  private readonly seen = new Set<object>();
  private readonly bigStrings = new Set<string>();
  total = 0;

  add(v: ApexValue): void {
    // An explicit stack instead of recursion: deep object graphs (linked nodes) stay safe.
    const stack: unknown[] = [v];
    while (stack.length) {
      const x = stack.pop();
      if (x === null || x === undefined) continue;
      switch (typeof x) {
        case 'string':
          if (x.length >= SHARED_STRING) {
            if (this.bigStrings.has(x)) continue;
            this.bigStrings.add(x);
          }
          this.total += x.length;
          continue;
        case 'number':
        case 'boolean':
        case 'bigint':
          this.total += SCALAR;
          continue;
        case 'object':
          break;
        default:
          continue;
      }
      const o = x as object;
      if (o instanceof ApexId) {
        this.total += 18;
        continue;
      }
      if (o instanceof ApexBlob) {
        this.total += o.bytes.length;
        continue;
      }
      if (this.seen.has(o)) continue;
      if (o instanceof ApexList) {
        this.seen.add(o);
        this.total += CONTAINER;
        for (const i of o.items) stack.push(i);
      } else if (o instanceof ApexMap) {
        this.seen.add(o);
        this.total += CONTAINER;
        for (const k of o.keys()) stack.push(k);
        for (const val of o.values()) stack.push(val);
      } else if (o instanceof ApexSet) {
        this.seen.add(o);
        this.total += CONTAINER;
        for (const i of o.values()) stack.push(i);
      } else if (o instanceof ApexSObject) {
        this.seen.add(o);
        this.total += CONTAINER;
        for (const val of o.values.values()) stack.push(val);
      } else if (o instanceof ApexObject) {
        this.seen.add(o);
        this.total += CONTAINER;
        for (const f of o.fields) stack.push(f);
        if (o.exception?.message) stack.push(o.exception.message);
      } else if (o instanceof NativeObject) {
        this.seen.add(o);
        this.total += CONTAINER;
        // The state of a platform object (an HttpResponse's body and headers, a JSON generator's
        // buffer), two levels deep: never into the platform's own structures it may point to.
        for (const val of stateValues(o.state))
          if (isPlain(val)) for (const inner of stateValues(val)) stack.push(inner);
          else stack.push(val);
      } else if (isPlain(o)) {
        continue;
      } else {
        // other scalars: Decimal, Double, Date, Datetime, Time, enum values, System.Type
        this.total += SCALAR;
      }
    }
  }
}

function isPlain(v: unknown): v is object {
  return (
    typeof v === 'object' &&
    v !== null &&
    (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype)
  );
}

function stateValues(state: unknown): unknown[] {
  if (Array.isArray(state)) return state;
  if (isPlain(state)) return Object.values(state);
  return [state];
}
