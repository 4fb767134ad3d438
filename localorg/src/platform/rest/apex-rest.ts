// Apex REST: a @RestResource class called over /services/apexrest/ (Apex Developer Guide: "Exposing Apex Classes as REST Web Services").
import { must } from '../util.ts';
import {
  ApexList,
  ApexObject,
  ApexSObject,
  ApexTypeValue,
  NativeObject,
  type ApexValue
} from '../../runtime/values.ts';
import { UnsupportedError, type MethodInfo } from '../../runtime/platform.ts';
import type { HttpRequestData, HttpResponseData, Org } from '../org.ts';
import { sobjectToJson, apexToJson } from '../data/convert.ts';
import { restState } from './state.ts';
import { JSON_HEADERS, RestError } from './http.ts';

const HTTP_ANNOTATION: Record<string, string> = {
  GET: 'httpget',
  POST: 'httppost',
  PUT: 'httpput',
  PATCH: 'httppatch',
  DELETE: 'httpdelete'
};

/** Exact urlMapping beats the longest wildcard match; no match is 404 (RestResource Annotation). */
export function matchUrlMapping(
  mappings: { mapping: string; className: string }[],
  path: string
): string | null {
  const exact = mappings.find((m) => m.mapping === path);
  if (exact) return exact.className;
  let best: { len: number; className: string } | null = null;
  for (const m of mappings) {
    if (!m.mapping.endsWith('/*')) continue;
    const prefix = m.mapping.slice(0, -1); // keep the slash
    if ((path + '/').startsWith(prefix) && (!best || prefix.length > best.len))
      best = { len: prefix.length, className: m.className };
  }
  return best?.className ?? null;
}

export function apexRestCall(
  org: Org,
  req: HttpRequestData,
  url: URL,
  path: string
): HttpResponseData {
  const runtime = org.requireRuntime('Apex REST');
  const resourcePath = path.slice('/services/apexrest'.length) || '/';
  // "The URL for a namespaced class contains the namespace ... /services/apexrest/abc/your_url/.
  // In the case of a URL collision, the namespaced class is always used" (Apex Developer Guide,
  // "RestResource Annotation"): a package's mappings come first, under /<namespace>.
  const mappings = runtime
    .classes()
    .flatMap((c) => {
      const a = c.annotations.find((x) => x.name === 'restresource');
      const mapping = a?.params.get('urlmapping');
      if (!mapping) return [];
      const path = mapping.startsWith('/') ? mapping : `/${mapping}`;
      return [
        {
          mapping: c.namespace ? `/${c.namespace}${path}` : path,
          className: c.name,
          ns: c.namespace
        }
      ];
    })
    .sort((x, y) => Number(!x.ns) - Number(!y.ns));
  const className = matchUrlMapping(mappings, resourcePath);
  if (!className)
    throw new RestError(404, 'NOT_FOUND', `Could not find a match for URL ${resourcePath}`);
  const info = must(runtime.classInfo(className), `class ${className}`);
  // Calling an Apex REST resource needs access to its class (profile or permission set).
  if (!org.access.canRunClass(org.currentUserId(), className)) {
    throw new RestError(
      403,
      'FORBIDDEN',
      `You do not have access to the Apex class named: ${className}`
    );
  }
  const annotation = HTTP_ANNOTATION[req.method.toUpperCase()];
  const method = info.methods.find((m) => m.annotations.some((a) => a.name === annotation));
  if (!method)
    throw new RestError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${req.method.toUpperCase()}' not allowed. Allowed are ${info.methods.flatMap((m) => m.annotations.filter((a) => a.name.startsWith('http')).map((a) => a.name.slice(4).toUpperCase())).join(',')}`
    );
  const params: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (params[k] = v));
  const state = restState(org);
  const restRequest = new NativeObject('System.RestRequest', {
    httpMethod: req.method.toUpperCase(),
    requestURI: resourcePath,
    resourcePath: mappings.find((m) => m.className === className)?.mapping ?? resourcePath,
    headers: { ...req.headers },
    params,
    requestBody: req.body,
    remoteAddress: '127.0.0.1'
  });
  const restResponse = new NativeObject('System.RestResponse', {
    statusCode: 200,
    responseBody: null as string | null,
    headers: {} as Record<string, string>
  });
  state.restRequest = restRequest;
  state.restResponse = restResponse;
  try {
    const args = method.paramTypes.length
      ? restArguments(runtime, req.body, method, `${className}.${method.name}`)
      : [];
    const result = runtime.callStatic(className, method.name, args);
    const rs = restResponse.state as {
      statusCode: number;
      responseBody: string | null;
      headers: Record<string, string>;
    };
    if (method.returnType.name.toLowerCase() !== 'void') {
      return {
        status: rs.statusCode,
        headers: { ...JSON_HEADERS, ...rs.headers },
        body: serializeResult(runtime, result)
      };
    }
    return { status: rs.statusCode, headers: { ...rs.headers }, body: rs.responseBody ?? '' };
  } finally {
    state.restRequest = null;
    state.restResponse = null;
  }
}

/**
 * Apex REST Methods: "If parameters are defined in the Apex method, an attempt is made to deserialize
 * the request body into those parameters": each top-level key of the JSON body names a parameter
 * (matched ignoring case, as Apex names are), and its value is deserialized into the parameter's type
 * with System.JSON.deserialize, so user-defined types, sObjects, lists and maps work as in JSON.deserialize.
 */
function restArguments(
  runtime: ReturnType<Org['requireRuntime']>,
  body: string,
  method: MethodInfo,
  where: string
): ApexValue[] {
  let json: unknown = {};
  if (body.trim()) {
    try {
      json = JSON.parse(body);
    } catch (e) {
      throw new RestError(
        400,
        'JSON_PARSER_ERROR',
        `Unexpected character: ${(e as Error).message}`
      );
    }
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    throw new RestError(
      400,
      'JSON_PARSER_ERROR',
      `Expected a JSON object with the parameters of ${where}`
    );
  const byName = new Map(method.paramNames.map((n, i) => [n.toLowerCase(), i]));
  const values: unknown[] = method.paramTypes.map(() => null);
  for (const [key, value] of Object.entries(json)) {
    const i = byName.get(key.toLowerCase());
    if (i === undefined)
      throw new RestError(
        400,
        'JSON_PARSER_ERROR',
        `Unexpected parameter encountered during deserialization: ${key}`
      );
    values[i] = value;
  }
  return method.paramTypes.map((t, i) => {
    if (values[i] === null) return null;
    try {
      return runtime.callStatic('System.JSON', 'deserialize', [
        JSON.stringify(values[i]),
        new ApexTypeValue(t)
      ]);
    } catch (e) {
      const ex = (e as { exception?: ApexObject }).exception;
      if (ex?.cls.name === 'System.JSONException')
        throw new RestError(
          400,
          'JSON_PARSER_ERROR',
          `${method.paramNames[i]}: ${ex.exception?.message ?? ''}`
        );
      throw e;
    }
  });
}

function serializeResult(runtime: ReturnType<Org['requireRuntime']>, v: ApexValue): string {
  try {
    const s = runtime.callStatic('System.JSON', 'serialize', [v]);
    if (typeof s === 'string') return s;
  } catch (e) {
    if (!(e instanceof UnsupportedError)) throw e;
  }
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    return JSON.stringify(v);
  if (v instanceof ApexList) return JSON.stringify(v.items.map((x) => apexToJson(x)));
  if (v instanceof ApexSObject) return JSON.stringify(sobjectToJson(v));
  throw new UnsupportedError(`serializing an Apex REST result of type ${v.constructor.name}`);
}
