// @ts-check
// Source-format metadata files: the suffix before `-meta.xml`, the metadata type, its XML root
// element and how the API name (fullName, as `sf project convert source` writes in package.xml)
// follows from the path.
import path from 'node:path';

export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

/**
 * @typedef {object} MetadataKind
 * @property {string} type metadata type (package.xml <name>)
 * @property {string} root XML root element
 * @property {'file' | 'child' | 'bundle' | 'folder' | 'inFolder'} naming `file`: name = file name;
 *   `child`: Parent.Name with the parent object's folder; `bundle`: the bundle folder; `folder`:
 *   the folder holding the file (objects/X/X.object-meta.xml); `inFolder`: Folder/Name (reports
 *   and dashboards in their folder)
 * @property {string} [source] extension of the companion source file (Foo.cls beside Foo.cls-meta.xml)
 */

/** @type {Record<string, MetadataKind>} */
export const KINDS = {
  cls: { type: 'ApexClass', root: 'ApexClass', naming: 'file', source: 'cls' },
  trigger: { type: 'ApexTrigger', root: 'ApexTrigger', naming: 'file', source: 'trigger' },
  page: { type: 'ApexPage', root: 'ApexPage', naming: 'file', source: 'page' },
  component: { type: 'ApexComponent', root: 'ApexComponent', naming: 'file', source: 'component' },
  object: { type: 'CustomObject', root: 'CustomObject', naming: 'folder' },
  field: { type: 'CustomField', root: 'CustomField', naming: 'child' },
  listView: { type: 'ListView', root: 'ListView', naming: 'child' },
  validationRule: { type: 'ValidationRule', root: 'ValidationRule', naming: 'child' },
  recordType: { type: 'RecordType', root: 'RecordType', naming: 'child' },
  compactLayout: { type: 'CompactLayout', root: 'CompactLayout', naming: 'child' },
  webLink: { type: 'WebLink', root: 'WebLink', naming: 'child' },
  fieldSet: { type: 'FieldSet', root: 'FieldSet', naming: 'child' },
  businessProcess: { type: 'BusinessProcess', root: 'BusinessProcess', naming: 'child' },
  index: { type: 'Index', root: 'Index', naming: 'child' },
  permissionset: { type: 'PermissionSet', root: 'PermissionSet', naming: 'file' },
  permissionsetgroup: { type: 'PermissionSetGroup', root: 'PermissionSetGroup', naming: 'file' },
  profile: { type: 'Profile', root: 'Profile', naming: 'file' },
  layout: { type: 'Layout', root: 'Layout', naming: 'file' },
  flexipage: { type: 'FlexiPage', root: 'FlexiPage', naming: 'file' },
  tab: { type: 'CustomTab', root: 'CustomTab', naming: 'file' },
  app: { type: 'CustomApplication', root: 'CustomApplication', naming: 'file' },
  js: { type: 'LightningComponentBundle', root: 'LightningComponentBundle', naming: 'bundle' },
  cmp: { type: 'AuraDefinitionBundle', root: 'AuraDefinitionBundle', naming: 'bundle' },
  customPermission: { type: 'CustomPermission', root: 'CustomPermission', naming: 'file' },
  labels: { type: 'CustomLabels', root: 'CustomLabels', naming: 'file' },
  md: { type: 'CustomMetadata', root: 'CustomMetadata', naming: 'file' },
  namedCredential: { type: 'NamedCredential', root: 'NamedCredential', naming: 'file' },
  externalCredential: { type: 'ExternalCredential', root: 'ExternalCredential', naming: 'file' },
  remoteSite: { type: 'RemoteSiteSetting', root: 'RemoteSiteSetting', naming: 'file' },
  cspTrustedSite: { type: 'CspTrustedSite', root: 'CspTrustedSite', naming: 'file' },
  connectedApp: { type: 'ConnectedApp', root: 'ConnectedApp', naming: 'file' },
  globalValueSet: { type: 'GlobalValueSet', root: 'GlobalValueSet', naming: 'file' },
  standardValueSet: { type: 'StandardValueSet', root: 'StandardValueSet', naming: 'file' },
  flow: { type: 'Flow', root: 'Flow', naming: 'file' },
  resource: { type: 'StaticResource', root: 'StaticResource', naming: 'file' },
  quickAction: { type: 'QuickAction', root: 'QuickAction', naming: 'file' },
  messageChannel: {
    type: 'LightningMessageChannel',
    root: 'LightningMessageChannel',
    naming: 'file'
  },
  platformEventChannel: {
    type: 'PlatformEventChannel',
    root: 'PlatformEventChannel',
    naming: 'file'
  },
  platformEventChannelMember: {
    type: 'PlatformEventChannelMember',
    root: 'PlatformEventChannelMember',
    naming: 'file'
  },
  platformEventSubscriberConfig: {
    type: 'PlatformEventSubscriberConfig',
    root: 'PlatformEventSubscriberConfig',
    naming: 'file'
  },
  customNotificationType: {
    type: 'CustomNotificationType',
    root: 'CustomNotificationType',
    naming: 'file'
  },
  // SFDX source suffix of CustomNotificationType (notificationtypes/X.notiftype-meta.xml)
  notiftype: { type: 'CustomNotificationType', root: 'CustomNotificationType', naming: 'file' },
  reportType: { type: 'ReportType', root: 'ReportType', naming: 'file' },
  // reports/<Folder>/<Name>.report-meta.xml and dashboards/<Folder>/<Name>.dashboard-meta.xml are
  // named Folder/Name in package.xml (Metadata API Developer Guide, Report and Dashboard)
  report: { type: 'Report', root: 'Report', naming: 'inFolder' },
  dashboard: { type: 'Dashboard', root: 'Dashboard', naming: 'inFolder' },
  reportFolder: { type: 'ReportFolder', root: 'ReportFolder', naming: 'file' },
  dashboardFolder: { type: 'DashboardFolder', root: 'DashboardFolder', naming: 'file' },
  queue: { type: 'Queue', root: 'Queue', naming: 'file' },
  group: { type: 'Group', root: 'Group', naming: 'file' },
  email: { type: 'EmailTemplate', root: 'EmailTemplate', naming: 'file' }
};

/**
 * The suffix of a `*-meta.xml` file: `Foo.cls-meta.xml` -> `cls`.
 * @param {string} file
 * @returns {string | null}
 */
export function suffixOf(file) {
  const m = /\.([A-Za-z]+)-meta\.xml$/.exec(file);
  return m ? m[1] : null;
}

/**
 * The API name (package.xml member) of a metadata file, from its path.
 * @param {string} file posix path
 * @param {MetadataKind} kind
 * @param {string} suffix
 * @returns {string}
 */
export function apiNameOf(file, kind, suffix) {
  const base = path.posix.basename(file, `.${suffix}-meta.xml`);
  const parts = file.split('/');
  switch (kind.naming) {
    case 'folder':
      return base;
    case 'inFolder':
      return `${parts[parts.length - 2]}/${base}`;
    case 'bundle':
      return parts[parts.length - 2];
    case 'child': {
      // objects/<Object>/<children>/<Name>.<suffix>-meta.xml
      const object = parts[parts.length - 3];
      return `${object}.${base}`;
    }
    default:
      return base;
  }
}
