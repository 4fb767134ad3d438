// Apex REST: RestRequest, RestResponse and RestContext (Apex Reference: "RestContext Class",
// "RestRequest Class", "RestResponse Class").
import {
  ApexBlob,
  ApexMap,
  NativeObject,
  T_STRING,
  T_VOID,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import { restState } from '../rest/state.ts';
import type { NativesEnv } from './services.ts';
import { done, m, state, type PlatformClassDef } from './common.ts';

export function restClasses(env: NativesEnv): PlatformClassDef[] {
  return [
    {
      name: 'System.RestRequest',
      aliases: ['RestRequest'],
      constructors: [
        m(
          'RestRequest',
          [],
          typeRef('System.RestRequest'),
          () =>
            new NativeObject('System.RestRequest', {
              httpMethod: null,
              requestURI: null,
              resourcePath: null,
              headers: {},
              params: {},
              requestBody: null,
              remoteAddress: null
            })
        )
      ],
      methods: [
        m('addHeader', [T_STRING, T_STRING], T_VOID, (_c, self, [k, v]) =>
          done((state<{ headers: Record<string, string> }>(self).headers[String(k)] = String(v)))
        ),
        m('addParameter', [T_STRING, T_STRING], T_VOID, (_c, self, [k, v]) =>
          done((state<{ params: Record<string, string> }>(self).params[String(k)] = String(v)))
        )
      ],
      property: (_c, self, name) => {
        const st = state<Record<string, unknown>>(self);
        const key = Object.keys(st).find((k) => k.toLowerCase() === name.toLowerCase());
        if (!key) return undefined;
        const v = st[key];
        if (key === 'headers' || key === 'params') {
          const map = new ApexMap(T_STRING, T_STRING);
          for (const [k, x] of Object.entries(v as Record<string, string>)) map.put(k, x);
          return map;
        }
        if (key === 'requestBody')
          return v === null || v === undefined
            ? null
            : new ApexBlob(new Uint8Array(Buffer.from(String(v), 'utf8')));
        return (v ?? null) as ApexValue;
      },
      setProperty: (_c, self, name, value) => {
        const st = state<Record<string, unknown>>(self);
        const key = Object.keys(st).find((k) => k.toLowerCase() === name.toLowerCase());
        if (!key) return false;
        if (key === 'requestBody')
          st[key] = value instanceof ApexBlob ? Buffer.from(value.bytes).toString('utf8') : value;
        else if (key === 'headers' || key === 'params')
          st[key] =
            value instanceof ApexMap
              ? Object.fromEntries(value.entries().map(([k, v]) => [String(k), String(v)]))
              : {};
        else st[key] = value;
        return true;
      }
    },
    {
      name: 'System.RestResponse',
      aliases: ['RestResponse'],
      constructors: [
        m(
          'RestResponse',
          [],
          typeRef('System.RestResponse'),
          () =>
            new NativeObject('System.RestResponse', {
              statusCode: 200,
              responseBody: null,
              headers: {}
            })
        )
      ],
      methods: [
        m('addHeader', [T_STRING, T_STRING], T_VOID, (_c, self, [k, v]) =>
          done((state<{ headers: Record<string, string> }>(self).headers[String(k)] = String(v)))
        )
      ],
      property: (_c, self, name) => {
        const st = state<{
          statusCode: number;
          responseBody: string | null;
          headers: Record<string, string>;
        }>(self);
        const n = name.toLowerCase();
        if (n === 'statuscode') return st.statusCode;
        if (n === 'responsebody')
          return st.responseBody === null
            ? null
            : new ApexBlob(new Uint8Array(Buffer.from(st.responseBody, 'utf8')));
        if (n === 'headers') {
          const map = new ApexMap(T_STRING, T_STRING);
          for (const [k, x] of Object.entries(st.headers)) map.put(k, x);
          return map;
        }
        return undefined;
      },
      setProperty: (_c, self, name, value) => {
        const st = state<{ statusCode: number; responseBody: string | null }>(self);
        const n = name.toLowerCase();
        if (n === 'statuscode') st.statusCode = Number(value);
        else if (n === 'responsebody')
          st.responseBody =
            value instanceof ApexBlob
              ? Buffer.from(value.bytes).toString('utf8')
              : value === null
                ? null
                : String(value);
        else return false;
        return true;
      }
    },
    {
      name: 'System.RestContext',
      aliases: ['RestContext'],
      methods: [],
      staticProperty: (_c, name) => {
        const st = restState(env.org);
        if (name.toLowerCase() === 'request') return st.restRequest;
        if (name.toLowerCase() === 'response') return st.restResponse;
        return undefined;
      },
      setStaticProperty: (_c, name, value) => {
        const st = restState(env.org);
        if (name.toLowerCase() === 'request') st.restRequest = value as NativeObject | null;
        else if (name.toLowerCase() === 'response') st.restResponse = value as NativeObject | null;
        else return false;
        return true;
      }
    }
  ];
}
