// Module declarations for the Salesforce-scoped imports that @salesforce/lightning-types does not
// declare. The platform resolves these at deploy time; Jest maps them to stubs (sfdx-lwc-jest).

declare module '@salesforce/apex/*' {
  import type { WireAdapterConstructor } from 'lwc';
  /** An @AuraEnabled method: called imperatively, or given to @wire as its adapter. */
  const apexMethod: ((params?: Record<string, unknown>) => Promise<any>) &
    WireAdapterConstructor<any, any>;
  export default apexMethod;
}

declare module '@salesforce/apex' {
  /** Refreshes a wired Apex result. */
  export function refreshApex(wiredValue: unknown): Promise<void>;
  export function getSObjectValue(record: object, field: string | object): unknown;
}

declare module '@salesforce/schema/*' {
  /** An object or field reference: { objectApiName } or { objectApiName, fieldApiName }. */
  const reference: { objectApiName: string; fieldApiName?: string };
  export default reference;
}

declare module '@salesforce/label/*' {
  const label: string;
  export default label;
}

declare module '@salesforce/customPermission/*' {
  /** True when the running user has the custom permission. */
  const hasPermission: boolean | undefined;
  export default hasPermission;
}

declare module '@salesforce/userPermission/*' {
  const hasPermission: boolean | undefined;
  export default hasPermission;
}

declare module '@salesforce/resourceUrl/*' {
  const url: string;
  export default url;
}

declare module '@salesforce/i18n/*' {
  const value: string;
  export default value;
}
