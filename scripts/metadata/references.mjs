// @ts-check
// The references one component makes to others: permission sets and profiles to objects, fields,
// classes, pages, tabs, apps and custom permissions; layouts and flexipages to fields and LWC; tabs
// and apps to their content; fields to the objects they look up.
import { text } from './fields.mjs';

/**
 * @typedef {'object' | 'field' | 'ApexClass' | 'ApexPage' | 'CustomTab' | 'CustomApplication' |
 *   'CustomPermission' | 'RecordType' | 'LightningComponentBundle' | 'FlexiPage' | 'Flow' |
 *   'ExternalCredential' | 'PermissionSet' | 'PlatformEventChannel'} RefKind
 * @typedef {{ kind: RefKind, value: string, element: string }} Reference
 * @typedef {Record<string, unknown>} Xml
 */

/**
 * @param {unknown} v
 * @returns {Xml[]}
 */
export function list(v) {
  if (v === undefined || v === null || v === '') return [];
  return /** @type {Xml[]} */ ([v].flat());
}

/**
 * @param {Xml} xml
 * @param {string} parent
 * @param {string} child
 * @param {RefKind} kind
 * @returns {Reference[]}
 */
function collect(xml, parent, child, kind) {
  return list(xml[parent])
    .map((p) => text(p[child]))
    .filter((v) => v !== undefined && v !== '')
    .map((v) => ({ kind, value: /** @type {string} */ (v), element: child }));
}

/**
 * @param {Xml} xml a PermissionSet or Profile
 * @returns {Reference[]}
 */
function permissionRefs(xml) {
  /** @type {Reference[]} */
  const refs = [
    ...collect(xml, 'objectPermissions', 'object', 'object'),
    ...collect(xml, 'fieldPermissions', 'field', 'field'),
    ...collect(xml, 'classAccesses', 'apexClass', 'ApexClass'),
    ...collect(xml, 'pageAccesses', 'apexPage', 'ApexPage'),
    ...collect(xml, 'tabSettings', 'tab', 'CustomTab'),
    ...collect(xml, 'tabVisibilities', 'tab', 'CustomTab'),
    ...collect(xml, 'applicationVisibilities', 'application', 'CustomApplication'),
    ...collect(xml, 'customPermissions', 'name', 'CustomPermission'),
    ...collect(xml, 'recordTypeVisibilities', 'recordType', 'RecordType'),
    ...collect(xml, 'customMetadataTypeAccesses', 'name', 'object'),
    ...collect(xml, 'customSettingAccesses', 'name', 'object'),
    ...collect(xml, 'flowAccesses', 'flow', 'Flow')
  ];
  for (const access of list(xml.externalCredentialPrincipalAccesses)) {
    const principal = text(access.externalCredentialPrincipal);
    // `<ExternalCredential>-<Principal>`
    if (principal) {
      refs.push({
        kind: 'ExternalCredential',
        value: principal.split('-')[0],
        element: 'externalCredentialPrincipal'
      });
    }
  }
  return refs;
}

/**
 * @param {Xml} xml
 * @param {string} objectName the object the layout or page is for
 * @returns {Reference[]}
 */
function layoutRefs(xml, objectName) {
  /** @type {Reference[]} */
  const refs = [];
  for (const section of list(xml.layoutSections)) {
    for (const column of list(section.layoutColumns)) {
      for (const item of list(column.layoutItems)) {
        const field = text(item.field);
        if (field) refs.push({ kind: 'field', value: `${objectName}.${field}`, element: 'field' });
      }
    }
  }
  return refs;
}

/**
 * @param {Xml} xml
 * @returns {Reference[]}
 */
function flexiPageRefs(xml) {
  /** @type {Reference[]} */
  const refs = [];
  const sobject = text(xml.sobjectType);
  if (sobject) refs.push({ kind: 'object', value: sobject, element: 'sobjectType' });
  for (const region of list(xml.flexiPageRegions)) {
    for (const item of list(region.itemInstances)) {
      const component = /** @type {Xml | undefined} */ (item.componentInstance);
      const name = component ? text(component.componentName) : undefined;
      const custom = name ? /^c[:_]{1,2}(\w+)$/.exec(name) : null;
      if (custom)
        refs.push({ kind: 'LightningComponentBundle', value: custom[1], element: 'componentName' });
      const fieldInstance = /** @type {Xml | undefined} */ (item.fieldInstance);
      const fieldItem = fieldInstance ? text(fieldInstance.fieldItem) : undefined;
      if (fieldItem && sobject) {
        refs.push({
          kind: 'field',
          value: `${sobject}.${fieldItem.replace(/^Record\./, '')}`,
          element: 'fieldItem'
        });
      }
    }
  }
  return refs;
}

/**
 * Every reference a component makes.
 * @param {string} type metadata type
 * @param {string} name API name
 * @param {Xml} xml root element
 * @returns {Reference[]}
 */
export function referencesOf(type, name, xml) {
  switch (type) {
    case 'PermissionSet':
    case 'Profile':
      return permissionRefs(xml);
    case 'PermissionSetGroup':
      return collect(
        { p: list(xml.permissionSets).map((v) => ({ n: v })) },
        'p',
        'n',
        'PermissionSet'
      );
    case 'Layout':
      return layoutRefs(xml, name.split('-')[0]);
    case 'FlexiPage':
      return flexiPageRefs(xml);
    case 'CustomTab': {
      /** @type {Reference[]} */
      const refs = [];
      const lwc = text(xml.lwcComponent);
      if (lwc) refs.push({ kind: 'LightningComponentBundle', value: lwc, element: 'lwcComponent' });
      const page = text(xml.page);
      if (page) refs.push({ kind: 'ApexPage', value: page, element: 'page' });
      const flexiPage = text(xml.flexiPage);
      if (flexiPage) refs.push({ kind: 'FlexiPage', value: flexiPage, element: 'flexiPage' });
      if (text(xml.customObject) === 'true')
        refs.push({ kind: 'object', value: name, element: 'customObject' });
      return refs;
    }
    case 'CustomApplication': {
      const refs = list(xml.tabs).map((t) => ({
        kind: /** @type {RefKind} */ ('CustomTab'),
        value: /** @type {string} */ (text(t)),
        element: 'tabs'
      }));
      const utilityBar = text(xml.utilityBar);
      if (utilityBar) refs.push({ kind: 'FlexiPage', value: utilityBar, element: 'utilityBar' });
      return refs;
    }
    case 'CustomField': {
      /** @type {Reference[]} */
      const refs = [];
      for (const target of list(xml.referenceTo)) {
        refs.push({
          kind: 'object',
          value: /** @type {string} */ (text(target)),
          element: 'referenceTo'
        });
      }
      const key = text(xml.summaryForeignKey);
      if (key) refs.push({ kind: 'field', value: key, element: 'summaryForeignKey' });
      const summarized = text(xml.summarizedField);
      if (summarized) refs.push({ kind: 'field', value: summarized, element: 'summarizedField' });
      return refs;
    }
    case 'LightningComponentBundle': {
      /** @type {Reference[]} */
      const refs = [];
      const configs = /** @type {Xml | undefined} */ (xml.targetConfigs);
      for (const config of list(configs?.targetConfig)) {
        const objects = /** @type {Xml | undefined} */ (config.objects);
        for (const o of list(objects?.object)) {
          refs.push({ kind: 'object', value: /** @type {string} */ (text(o)), element: 'object' });
        }
      }
      return refs;
    }
    case 'CustomPermission':
      return collect(xml, 'requiredPermission', 'customPermission', 'CustomPermission');
    case 'NamedCredential':
      return (
        list(xml.namedCredentialParameters)
          .filter((p) => text(p.parameterType) === 'Authentication')
          // The credential is named in <externalCredential> (older files: <parameterValue>).
          .map((p) => {
            const element =
              p.externalCredential !== undefined ? 'externalCredential' : 'parameterValue';
            return {
              kind: /** @type {RefKind} */ ('ExternalCredential'),
              value: text(p[element]) ?? '',
              element
            };
          })
      );
    case 'PlatformEventChannelMember': {
      /** @type {Reference[]} */
      const refs = [];
      const entity = text(xml.selectedEntity);
      if (entity) {
        // Change events: AccountChangeEvent -> Account, Foo__ChangeEvent -> Foo__c.
        const base = entity.endsWith('__ChangeEvent')
          ? entity.replace(/__ChangeEvent$/, '__c')
          : entity.replace(/ChangeEvent$/, '');
        refs.push({ kind: 'object', value: base, element: 'selectedEntity' });
      }
      const channel = text(xml.eventChannel);
      if (channel && channel !== 'ChangeEvents') {
        refs.push({ kind: 'PlatformEventChannel', value: channel, element: 'eventChannel' });
      }
      return refs;
    }
    default:
      return [];
  }
}
