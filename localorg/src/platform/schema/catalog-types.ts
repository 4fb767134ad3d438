// Shape of an object and its fields as the local org describes them (close to the REST describe).

export interface CatalogField {
  name: string;
  /** describe type: id, reference, string, textarea, picklist, multipicklist, boolean, double, currency, percent, int, long, date, datetime, time, email, phone, url, base64, address, location, encryptedstring, combobox, complexvalue */
  type: string;
  /** Apex type of the field (String, Id, Decimal, Integer...) */
  apexType: string;
  length: number;
  precision?: number;
  scale?: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  defaultValue?: string | boolean | number;
  referenceTo?: string[];
  /** a polymorphic reference the platform accepts to any record (ContentDocumentLink.LinkedEntityId) */
  polymorphicAny?: boolean;
  relationshipName?: string;
  /** custom lookups: the relationship name children are queried by from the parent (Object_Mappings__r) */
  childRelationshipName?: string;
  /** custom metadata relationship: a text field whose X__r reaches a custom metadata record, an EntityDefinition or a FieldDefinition */
  metadataRelationship?: boolean;
  /** a FieldDefinition relationship: the EntityDefinition relationship field naming its object */
  metadataControllingField?: string;
  /** master-detail: the child is deleted with its parent, and reparenting is off by default */
  cascadeDelete?: boolean;
  masterDetail?: boolean;
  /** lookup delete constraint: SetNull (default), Restrict, Cascade */
  deleteConstraint?: string;
  picklistValues?: string[];
  /**
   * A value's label where it differs from its API name (CustomField valueSet
   * `<value><fullName>`/`<label>`, GlobalValueSet `<customValue>`); absent: the label is the value.
   */
  picklistLabels?: Record<string, string>;
  restrictedPicklist?: boolean;
  unique?: boolean;
  caseSensitive?: boolean;
  externalId?: boolean;
  idLookup?: boolean;
  nameField?: boolean;
  calculated?: boolean;
  /** Person Account fields: present only when the org enables Person Accounts */
  personAccount?: boolean;
  label?: string;
}

export interface CatalogChildRelationship {
  relationshipName: string;
  childSObject: string;
  field: string;
  cascadeDelete?: boolean;
}

export interface CatalogObject {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix?: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  fields: Record<string, CatalogField>;
  childRelationships: CatalogChildRelationship[];
  /** for <Object>ChangeEvent: the object it reports on */
  changeEventFor?: string;
  /** custom setting (List/Hierarchy), custom metadata type, platform event */
  kind?: 'object' | 'customSetting' | 'customMetadata' | 'platformEvent' | 'changeEvent';
  customSettingType?: 'List' | 'Hierarchy';
  sharingModel?: string;
  publishBehavior?: 'PublishAfterCommit' | 'PublishImmediately';
}

export interface Catalog {
  source: string;
  objects: Record<string, CatalogObject>;
}
