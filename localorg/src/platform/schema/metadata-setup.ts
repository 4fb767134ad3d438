// Setup metadata from source: custom metadata records, permission sets and profiles, named and
// external credentials, static resources (a folder is zipped, as it deploys). Metadata API
// Developer Guide: CustomMetadata, PermissionSet, Profile, NamedCredential, ExternalCredential,
// StaticResource.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { bool, list, readXml, str } from './metadata-xml.ts';
import type {
  CustomMetadataRecord,
  ExternalCredentialMeta,
  NamedCredentialMeta,
  PermissionSetMeta,
  StaticResourceMeta
} from './metadata-types.ts';

export function parseCustomMetadata(path: string): CustomMetadataRecord {
  const r = readXml(path);
  const full = basename(path, '.md-meta.xml'); // Type.Record (type without __mdt)
  const dot = full.indexOf('.');
  const values: CustomMetadataRecord['values'] = {};
  for (const v of list(r.values)) {
    const raw = (Array.isArray(v.value) ? v.value[0] : v.value) as unknown;
    const nil =
      raw && typeof raw === 'object' && (raw as Record<string, string>)['@_xsi:nil'] === 'true';
    const type =
      raw && typeof raw === 'object' ? (raw as Record<string, string>)['@_xsi:type'] : undefined;
    const text =
      raw && typeof raw === 'object' ? str((raw as Record<string, string>)['#text']) : str(raw);
    values[str(v.field)] = nil
      ? null
      : type === 'xsd:boolean'
        ? text === 'true'
        : type === 'xsd:double' || type === 'xsd:int'
          ? Number(text)
          : text;
  }
  return {
    type: `${full.slice(0, dot)}__mdt`,
    developerName: full.slice(dot + 1),
    label: str(r.label),
    protected: bool(r.protected),
    values
  };
}

export function parsePermissions(path: string, isProfile: boolean): PermissionSetMeta {
  const r = readXml(path);
  const suffix = isProfile ? '.profile-meta.xml' : '.permissionset-meta.xml';
  const p: PermissionSetMeta = {
    name: basename(path, suffix),
    label: str(r.label) || basename(path, suffix),
    isProfile,
    objects: {},
    fields: {},
    customPermissions: new Set(),
    classes: new Set(),
    externalCredentialPrincipals: new Set(),
    userPermissions: new Set(),
    recordTypes: {}
  };
  for (const o of list(r.objectPermissions)) {
    p.objects[str(o.object).toLowerCase()] = {
      read: bool(o.allowRead),
      create: bool(o.allowCreate),
      edit: bool(o.allowEdit),
      delete: bool(o.allowDelete),
      viewAll: bool(o.viewAllRecords),
      modifyAll: bool(o.modifyAllRecords)
    };
  }
  for (const f of list(r.fieldPermissions))
    p.fields[str(f.field).toLowerCase()] = { read: bool(f.readable), edit: bool(f.editable) };
  for (const c of list(r.customPermissions))
    if (bool(c.enabled)) p.customPermissions.add(str(c.name).toLowerCase());
  for (const c of list(r.classAccesses))
    if (bool(c.enabled)) p.classes.add(str(c.apexClass).toLowerCase());
  for (const c of list(r.externalCredentialPrincipalAccesses))
    if (bool(c.enabled))
      p.externalCredentialPrincipals.add(str(c.externalCredentialPrincipal).toLowerCase());
  for (const c of list(r.userPermissions))
    if (bool(c.enabled)) p.userPermissions.add(str(c.name).toLowerCase());
  // A permission set gives record types but never a default (Salesforce Help, "How Is Record
  // Type Access Specified?"): `default` is read from profiles only.
  for (const v of list(r.recordTypeVisibilities))
    p.recordTypes[str(v.recordType).toLowerCase()] = {
      visible: bool(v.visible),
      default: isProfile && bool(v.default)
    };
  return p;
}

export function parseNamedCredential(path: string): NamedCredentialMeta {
  const r = readXml(path);
  const name = basename(path, '.namedCredential-meta.xml');
  const params = list(r.namedCredentialParameters);
  const param = (t: string): string | undefined => {
    const p = params.find((x) => str(x.parameterType) === t);
    return p ? str(p.parameterValue) || str(p.externalCredential) : undefined;
  };
  const legacy = r.endpoint !== undefined;
  return {
    name,
    label: str(r.label) || name,
    url: legacy ? str(r.endpoint) : (param('Url') ?? ''),
    externalCredential: legacy ? undefined : param('Authentication'),
    allowMergeFieldsInHeader: bool(r.allowMergeFieldsInHeader),
    allowMergeFieldsInBody: bool(r.allowMergeFieldsInBody),
    generateAuthorizationHeader:
      r.generateAuthorizationHeader === undefined ? true : bool(r.generateAuthorizationHeader),
    legacy
  };
}

export function parseExternalCredential(path: string): ExternalCredentialMeta {
  const r = readXml(path);
  const name = basename(path, '.externalCredential-meta.xml');
  const principals: ExternalCredentialMeta['principals'] = [];
  const parameters: Record<string, string> = {};
  for (const p of list(r.externalCredentialParameters)) {
    if (
      str(p.parameterType) === 'NamedPrincipal' ||
      str(p.parameterType) === 'PerUserPrincipal' ||
      str(p.parameterType) === 'AwsStsPrincipal'
    ) {
      principals.push({
        name: str(p.parameterName),
        type: str(p.parameterType),
        sequence: Number(str(p.sequenceNumber) || '1')
      });
    } else parameters[str(p.parameterName) || str(p.parameterType)] = str(p.parameterValue);
  }
  return {
    name,
    label: str(r.label) || name,
    protocol: str(r.authenticationProtocol),
    principals,
    parameters
  };
}

/** `entries`: the names in the meta file's folder, when the caller has listed it already. */
export function parseStaticResource(path: string, entries?: string[]): StaticResourceMeta {
  const r = readXml(path);
  const name = basename(path, '.resource-meta.xml');
  const dir = join(path, '..');
  entries ??= readdirSync(dir);
  // The content is `name.ext` next to the meta file, or a folder `name/` (an archive resource the
  // source format keeps unzipped; it deploys as the zip of that folder).
  const file =
    entries.find((f) => f.startsWith(`${name}.`) && !f.endsWith('-meta.xml')) ??
    entries.find((f) => f === name);
  // The meta file alone: the content is a build's output (not in the source tree). The org loads
  // it; any use of its content fails loudly, naming the file that is missing.
  if (!file)
    return {
      name,
      contentType: str(r.contentType),
      missing: `Static resource ${name} has no content file next to ${path} (a build step provides it; the local org loads the source tree)`
    };
  const full = join(dir, file);
  if (statSync(full).isDirectory())
    return { name, contentType: str(r.contentType) || 'application/zip', body: zipFolder(full) };
  return { name, contentType: str(r.contentType), body: readFileSync(full) };
}

/** A folder as a zip archive (entries stored uncompressed, paths relative to the folder, sorted). */
export function zipFolder(root: string): Buffer {
  const files: { name: Buffer; data: Buffer }[] = [];
  const visit = (d: string, prefix: string): void => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) visit(p, `${prefix}${e}/`);
      else files.push({ name: Buffer.from(`${prefix}${e}`, 'utf8'), data: readFileSync(p) });
    }
  };
  visit(root, '');
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(f.name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(f.data.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(f.name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, f.name, f.data);
    centrals.push(central, f.name);
    offset += 30 + f.name.length + f.data.length;
  }
  const dirSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
