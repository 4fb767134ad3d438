// Callouts: Http, HttpRequest, HttpResponse and the static resource callout mocks (Apex Reference:
// "Http Class", "HttpRequest Class", "HttpResponse Class"; Apex Developer Guide: "Testing HTTP
// Callouts Using Static Resources").
import {
  ApexBlob,
  ApexList,
  NativeObject,
  T_BOOLEAN,
  T_INTEGER,
  T_STRING,
  T_VOID,
  typeRef,
  type ApexValue
} from '../../runtime/values.ts';
import type { NativeClassDef, NativeMethodDef } from '../../runtime/platform.ts';
import type { NativesEnv, OrgServices } from './services.ts';
import { resourceBody } from '../schema/metadata-types.ts';
import { T_LIST, done, m, state, type PlatformClassDef } from './common.ts';

interface HttpReqState {
  method: string;
  endpoint: string;
  headers: Record<string, string>;
  body: string;
  /** the bytes given to setBodyAsBlob, kept as they are (a file's content need not be UTF-8) */
  bodyBytes?: Uint8Array;
  timeoutMs: number;
  compressed: boolean;
}

function httpRequestDef(): NativeClassDef {
  const s = (self: ApexValue): HttpReqState => state<HttpReqState>(self);
  return {
    name: 'System.HttpRequest',
    aliases: ['HttpRequest'],
    constructors: [
      m(
        'HttpRequest',
        [],
        typeRef('System.HttpRequest'),
        () =>
          new NativeObject<HttpReqState>('System.HttpRequest', {
            method: '',
            endpoint: '',
            headers: {},
            body: '',
            timeoutMs: 10_000,
            compressed: false
          })
      )
    ],
    methods: [
      m('setMethod', [T_STRING], T_VOID, (_c, self, [v]) =>
        done((s(self).method = String(v ?? '')))
      ),
      m('getMethod', [], T_STRING, (_c, self) => s(self).method || null),
      m('setEndpoint', [T_STRING], T_VOID, (_c, self, [v]) =>
        done((s(self).endpoint = String(v ?? '')))
      ),
      m('getEndpoint', [], T_STRING, (_c, self) => s(self).endpoint || null),
      m('setHeader', [T_STRING, T_STRING], T_VOID, (_c, self, [k, v]) =>
        done((s(self).headers[String(k)] = String(v ?? '')))
      ),
      m('getHeader', [T_STRING], T_STRING, (_c, self, [k]) =>
        headerValue(s(self).headers, String(k))
      ),
      m('setBody', [T_STRING], T_VOID, (_c, self, [v]) => setTextBody(s(self), v)),
      m('getBody', [], T_STRING, (_c, self) => s(self).body),
      m('setBodyAsBlob', [typeRef('Blob')], T_VOID, (_c, self, [v]) => setBlobBody(s(self), v)),
      m('getBodyAsBlob', [], typeRef('Blob'), (_c, self) => blobBody(s(self))),
      m('setTimeout', [T_INTEGER], T_VOID, (ctx, self, [v]) => {
        const n = Number(v);
        // Timeout range 1–120,000 ms (Callout Limits and Limitations).
        if (!(n >= 1 && n <= 120_000))
          ctx.throwApex(
            'System.CalloutException',
            `Timeout value ${n} is outside of the valid range 1 to 120000`
          );
        s(self).timeoutMs = n;
        return null;
      }),
      m('setCompressed', [T_BOOLEAN], T_VOID, (_c, self, [v]) =>
        done((s(self).compressed = v === true))
      ),
      m('getCompressed', [], T_BOOLEAN, (_c, self) => s(self).compressed),
      m(
        'toString',
        [],
        T_STRING,
        (_c, self) => `System.HttpRequest[Endpoint=${s(self).endpoint}, Method=${s(self).method}]`
      )
    ]
  };
}

interface HttpResState {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
  /** the bytes of a binary body (setBodyAsBlob, or a binary response), kept as they are */
  bodyBytes?: Uint8Array;
}

/**
 * A body set as a Blob keeps its bytes: getBodyAsBlob gives them back unchanged and the callout
 * sends them (Apex Reference, HttpRequest "setBodyAsBlob", HttpResponse "getBodyAsBlob"); getBody
 * reads them as UTF-8 text. setBody replaces them.
 */
function setBlobBody(st: { body: string; bodyBytes?: Uint8Array }, v: ApexValue): null {
  const bytes = v instanceof ApexBlob ? new Uint8Array(v.bytes) : new Uint8Array(0);
  st.body = Buffer.from(bytes).toString('utf8');
  st.bodyBytes = bytes;
  return null;
}

function blobBody(st: { body: string; bodyBytes?: Uint8Array }): ApexBlob {
  return new ApexBlob(new Uint8Array(st.bodyBytes ?? Buffer.from(st.body, 'utf8')));
}

function setTextBody(st: { body: string; bodyBytes?: Uint8Array }, v: ApexValue): null {
  st.body = String(v ?? '');
  delete st.bodyBytes;
  return null;
}

function httpResponseDef(): NativeClassDef {
  const s = (self: ApexValue): HttpResState => state<HttpResState>(self);
  return {
    name: 'System.HttpResponse',
    aliases: ['HttpResponse'],
    constructors: [
      m(
        'HttpResponse',
        [],
        typeRef('System.HttpResponse'),
        () =>
          new NativeObject<HttpResState>('System.HttpResponse', {
            status: 0,
            statusText: '',
            headers: {},
            body: ''
          })
      )
    ],
    methods: [
      m('setStatusCode', [T_INTEGER], T_VOID, (_c, self, [v]) =>
        done((s(self).status = Number(v)))
      ),
      m('getStatusCode', [], T_INTEGER, (_c, self) => s(self).status),
      m('setStatus', [T_STRING], T_VOID, (_c, self, [v]) =>
        done((s(self).statusText = String(v ?? '')))
      ),
      m('getStatus', [], T_STRING, (_c, self) => s(self).statusText || null),
      m('setBody', [T_STRING], T_VOID, (_c, self, [v]) => setTextBody(s(self), v)),
      m('getBody', [], T_STRING, (_c, self) => s(self).body),
      m('setBodyAsBlob', [typeRef('Blob')], T_VOID, (_c, self, [v]) => setBlobBody(s(self), v)),
      m('getBodyAsBlob', [], typeRef('Blob'), (_c, self) => blobBody(s(self))),
      m('setHeader', [T_STRING, T_STRING], T_VOID, (_c, self, [k, v]) =>
        done((s(self).headers[String(k)] = String(v ?? '')))
      ),
      m('getHeader', [T_STRING], T_STRING, (_c, self, [k]) =>
        headerValue(s(self).headers, String(k))
      ),
      m(
        'getHeaderKeys',
        [],
        T_LIST(T_STRING),
        (_c, self) => new ApexList(T_STRING, Object.keys(s(self).headers))
      ),
      m(
        'toString',
        [],
        T_STRING,
        (_c, self) =>
          `System.HttpResponse[Status=${s(self).statusText}, StatusCode=${s(self).status}]`
      )
    ]
  };
}

interface StaticMockState {
  /** endpoint → static resource name; '' for StaticResourceCalloutMock's single resource */
  resources: Map<string, string>;
  status: number;
  statusText: string;
  headers: Record<string, string>;
}

/**
 * StaticResourceCalloutMock and MultiStaticResourceCalloutMock (Apex Developer Guide, "Testing HTTP
 * Callouts Using Static Resources"): built-in HttpCalloutMocks answering with a static resource's
 * body (one for every request, or one per endpoint), and the status and headers they were given.
 */
function staticResourceMockDefs(currentOrg: () => OrgServices): NativeClassDef[] {
  const st = (self: ApexValue): StaticMockState => state<StaticMockState>(self);
  const common = (type: string): NativeMethodDef[] => [
    m('setStatusCode', [T_INTEGER], T_VOID, (_c, self, [v]) => done((st(self).status = Number(v)))),
    m('setStatus', [T_STRING], T_VOID, (_c, self, [v]) =>
      done((st(self).statusText = String(v ?? '')))
    ),
    m('setHeader', [T_STRING, T_STRING], T_VOID, (_c, self, [k, v]) =>
      done((st(self).headers[String(k)] = String(v ?? '')))
    ),
    m(
      'respond',
      [typeRef('System.HttpRequest')],
      typeRef('System.HttpResponse'),
      (ctx, self, [req]) => {
        const endpoint = String(state<{ endpoint: string }>(req).endpoint ?? '');
        const s = st(self);
        const name =
          type === 'System.StaticResourceCalloutMock'
            ? s.resources.get('')
            : s.resources.get(endpoint);
        if (name === undefined)
          return ctx.throwApex(
            'System.CalloutException',
            type === 'System.StaticResourceCalloutMock'
              ? 'StaticResourceCalloutMock: no static resource set'
              : `MultiStaticResourceCalloutMock: no static resource set for endpoint ${endpoint}`
          );
        const resource = currentOrg().staticResource(name);
        if (!resource)
          return ctx.throwApex('System.CalloutException', `Static resource not found: ${name}`);
        const bytes = resourceBody(resource);
        return new NativeObject<HttpResState>('System.HttpResponse', {
          status: s.status,
          statusText: s.statusText,
          headers: { ...s.headers },
          body: bytes.toString('utf8'),
          bodyBytes: new Uint8Array(bytes) // a binary resource (a file) comes back unchanged
        });
      }
    )
  ];
  const make = (type: string) => () =>
    new NativeObject<StaticMockState>(type, {
      resources: new Map(),
      status: 200,
      statusText: '',
      headers: {}
    });
  return [
    {
      name: 'System.StaticResourceCalloutMock',
      aliases: ['StaticResourceCalloutMock'],
      supertypes: ['System.HttpCalloutMock'],
      constructors: [
        m(
          'StaticResourceCalloutMock',
          [],
          typeRef('System.StaticResourceCalloutMock'),
          make('System.StaticResourceCalloutMock')
        )
      ],
      methods: [
        m('setStaticResource', [T_STRING], T_VOID, (_c, self, [name]) =>
          done(st(self).resources.set('', String(name)))
        ),
        ...common('System.StaticResourceCalloutMock')
      ]
    },
    {
      name: 'System.MultiStaticResourceCalloutMock',
      aliases: ['MultiStaticResourceCalloutMock'],
      supertypes: ['System.HttpCalloutMock'],
      constructors: [
        m(
          'MultiStaticResourceCalloutMock',
          [],
          typeRef('System.MultiStaticResourceCalloutMock'),
          make('System.MultiStaticResourceCalloutMock')
        )
      ],
      methods: [
        m('setStaticResource', [T_STRING, T_STRING], T_VOID, (_c, self, [endpoint, name]) =>
          done(st(self).resources.set(String(endpoint), String(name)))
        ),
        ...common('System.MultiStaticResourceCalloutMock')
      ]
    }
  ];
}

export function httpClasses(env: NativesEnv): PlatformClassDef[] {
  return [
    httpRequestDef(),
    httpResponseDef(),
    ...staticResourceMockDefs(() => env.org),
    {
      name: 'System.Http',
      aliases: ['Http'],
      constructors: [
        m('Http', [], typeRef('System.Http'), () => new NativeObject('System.Http', {}))
      ],
      methods: [
        m(
          'send',
          [typeRef('System.HttpRequest')],
          typeRef('System.HttpResponse'),
          (ctx, _self, [req]) => ctx.platform.httpSend(ctx, req ?? null)
        )
      ]
    }
  ];
}

function headerValue(h: Record<string, string>, k: string): string | null {
  const key = Object.keys(h).find((x) => x.toLowerCase() === k.toLowerCase());
  return key === undefined ? null : h[key];
}
