// Hand-kept facts the Apex Dev Tools type tables do not carry (key prefixes, required fields,
// lengths, picklists, polymorphic targets, read-only fields). Sources: Object Reference for
// Salesforce and Lightning Platform (docs corpus, per-object "Fields" tables: Create/Update/
// Nillable/Defaulted on create properties) and ../shared/PLATFORM.md "Data and API — 1 Ids".
// Only what the local org enforces is listed; everything else takes the defaults in generate.ts.

export interface FieldOverlay {
  label?: string;
  type?: string; // describe type: picklist, multipicklist, textarea, email, phone, url, currency, percent, combobox
  length?: number;
  required?: boolean; // createable, not nillable, not defaulted on create
  defaultValue?: string | boolean | number;
  picklist?: string[];
  restricted?: boolean;
  referenceTo?: string[]; // polymorphic lookups
  readOnly?: boolean; // not createable, not updateable
  createOnly?: boolean; // createable, not updateable
  unique?: boolean;
  externalId?: boolean;
  idLookup?: boolean;
  cascadeDelete?: boolean; // deleting the parent deletes this record (Object Reference / Help "Delete Accounts")
  personAccount?: boolean;
  /** a text field holding a DurableId, followed as a relationship (FieldDefinition.EntityDefinition) */
  durableRelationship?: { name: string; to: 'EntityDefinition' | 'FieldDefinition' };
}

export interface ObjectOverlay {
  keyPrefix?: string;
  label?: string;
  labelPlural?: string;
  nameField?: string;
  createable?: boolean;
  updateable?: boolean;
  deletable?: boolean;
  /** a standard platform event (published by the platform, delivered to triggers) */
  platformEvent?: boolean;
  fields?: Record<string, FieldOverlay>;
}

const TEXTAREA = { type: 'textarea', length: 32000 } as const;
const EMAIL = { type: 'email', length: 80 } as const;
const PHONE = { type: 'phone', length: 40 } as const;
const URL = { type: 'url', length: 255 } as const;
const CURRENCY = { type: 'currency' } as const;
const PERCENT = { type: 'percent' } as const;

const LEAD_SOURCE = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const INDUSTRY = [
  'Agriculture',
  'Apparel',
  'Banking',
  'Biotechnology',
  'Chemicals',
  'Communications',
  'Construction',
  'Consulting',
  'Education',
  'Electronics',
  'Energy',
  'Engineering',
  'Entertainment',
  'Environmental',
  'Finance',
  'Food & Beverage',
  'Government',
  'Healthcare',
  'Hospitality',
  'Insurance',
  'Machinery',
  'Manufacturing',
  'Media',
  'Not For Profit',
  'Recreation',
  'Retail',
  'Shipping',
  'Technology',
  'Telecommunications',
  'Transportation',
  'Utilities',
  'Other'
];
const RATING = ['Hot', 'Warm', 'Cold'];
const SALUTATION = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'];
// Person Account fields exist on Account only when Person Accounts are enabled (Object Reference: Account, "Person Account fields").
const PERSON = { personAccount: true } as const;

export const OBJECT_OVERLAY: Record<string, ObjectOverlay> = {
  Account: {
    keyPrefix: '001',
    fields: {
      Name: { label: 'Account Name', length: 255, required: true, idLookup: true },
      AccountNumber: { length: 40 },
      Type: {
        type: 'picklist',
        picklist: [
          'Prospect',
          'Customer - Direct',
          'Customer - Channel',
          'Channel Partner / Reseller',
          'Installation Partner',
          'Technology Partner',
          'Other'
        ]
      },
      Industry: { type: 'picklist', picklist: INDUSTRY },
      Rating: { type: 'picklist', picklist: RATING },
      Ownership: { type: 'picklist', picklist: ['Public', 'Private', 'Subsidiary', 'Other'] },
      AccountSource: { type: 'picklist', picklist: LEAD_SOURCE },
      AnnualRevenue: CURRENCY,
      Description: TEXTAREA,
      Phone: PHONE,
      Fax: PHONE,
      Website: URL,
      Site: { length: 80 },
      TickerSymbol: { length: 20 },
      Sic: { length: 20 },
      BillingStreet: { type: 'textarea', length: 255 },
      ShippingStreet: { type: 'textarea', length: 255 },
      BillingCity: { length: 40 },
      BillingState: { length: 80 },
      BillingPostalCode: { length: 20 },
      BillingCountry: { length: 80 },
      ShippingCity: { length: 40 },
      ShippingState: { length: 80 },
      ShippingPostalCode: { length: 20 },
      ShippingCountry: { length: 80 },
      IsPersonAccount: { readOnly: true, ...PERSON },
      FirstName: { length: 40, ...PERSON },
      LastName: { length: 80, ...PERSON },
      MiddleName: { length: 40, ...PERSON },
      Salutation: { type: 'picklist', picklist: SALUTATION, ...PERSON },
      Suffix: { length: 40, ...PERSON },
      PersonContactId: { readOnly: true, ...PERSON },
      PersonEmail: { ...EMAIL, ...PERSON },
      PersonMobilePhone: { ...PHONE, ...PERSON },
      PersonHomePhone: { ...PHONE, ...PERSON },
      PhotoUrl: { readOnly: true, type: 'url' },
      MasterRecordId: { readOnly: true },
      LastActivityDate: { readOnly: true }
    }
  },
  Contact: {
    keyPrefix: '003',
    fields: {
      LastName: { length: 80, required: true },
      FirstName: { length: 40 },
      MiddleName: { length: 40 },
      Suffix: { length: 40 },
      Salutation: { type: 'picklist', picklist: SALUTATION },
      Name: { readOnly: true, length: 121, idLookup: true },
      AccountId: { cascadeDelete: true },
      Email: { ...EMAIL, idLookup: true },
      Phone: PHONE,
      MobilePhone: PHONE,
      HomePhone: PHONE,
      OtherPhone: PHONE,
      Fax: PHONE,
      AssistantPhone: PHONE,
      Title: { length: 128 },
      Department: { length: 80 },
      LeadSource: { type: 'picklist', picklist: LEAD_SOURCE },
      Description: TEXTAREA,
      MailingStreet: { type: 'textarea', length: 255 },
      OtherStreet: { type: 'textarea', length: 255 },
      MasterRecordId: { readOnly: true },
      IsPersonAccount: { readOnly: true },
      PhotoUrl: { readOnly: true, type: 'url' },
      LastActivityDate: { readOnly: true }
    }
  },
  Lead: {
    keyPrefix: '00Q',
    fields: {
      LastName: { length: 80, required: true },
      FirstName: { length: 40 },
      Name: { readOnly: true, length: 121, idLookup: true },
      Company: { length: 255, required: true },
      Status: {
        type: 'picklist',
        defaultValue: 'Open - Not Contacted',
        picklist: [
          'Open - Not Contacted',
          'Working - Contacted',
          'Closed - Converted',
          'Closed - Not Converted'
        ]
      },
      Salutation: { type: 'picklist', picklist: SALUTATION },
      Email: { ...EMAIL, idLookup: true },
      Phone: PHONE,
      MobilePhone: PHONE,
      Fax: PHONE,
      Website: URL,
      Title: { length: 128 },
      LeadSource: { type: 'picklist', picklist: LEAD_SOURCE },
      Industry: { type: 'picklist', picklist: INDUSTRY },
      Rating: { type: 'picklist', picklist: RATING },
      AnnualRevenue: CURRENCY,
      Description: TEXTAREA,
      Street: { type: 'textarea', length: 255 },
      IsConverted: { readOnly: true },
      ConvertedAccountId: { readOnly: true },
      ConvertedContactId: { readOnly: true },
      ConvertedOpportunityId: { readOnly: true },
      ConvertedDate: { readOnly: true },
      MasterRecordId: { readOnly: true }
    }
  },
  Opportunity: {
    keyPrefix: '006',
    fields: {
      Name: { label: 'Opportunity Name', length: 120, required: true, idLookup: true },
      StageName: {
        type: 'picklist',
        required: true,
        picklist: [
          'Prospecting',
          'Qualification',
          'Needs Analysis',
          'Value Proposition',
          'Id. Decision Makers',
          'Perception Analysis',
          'Proposal/Price Quote',
          'Negotiation/Review',
          'Closed Won',
          'Closed Lost'
        ]
      },
      CloseDate: { required: true },
      AccountId: { cascadeDelete: true },
      Amount: CURRENCY,
      ExpectedRevenue: { ...CURRENCY, readOnly: true },
      Probability: PERCENT,
      Type: {
        type: 'picklist',
        picklist: [
          'Existing Customer - Upgrade',
          'Existing Customer - Replacement',
          'Existing Customer - Downgrade',
          'New Customer'
        ]
      },
      LeadSource: { type: 'picklist', picklist: LEAD_SOURCE },
      ForecastCategoryName: {
        type: 'picklist',
        picklist: ['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed']
      },
      Description: TEXTAREA,
      NextStep: { length: 255 },
      IsClosed: { readOnly: true },
      IsWon: { readOnly: true },
      ForecastCategory: { readOnly: true },
      HasOpportunityLineItem: { readOnly: true },
      LastActivityDate: { readOnly: true }
    }
  },
  OpportunityLineItem: {
    keyPrefix: '00k',
    fields: {
      OpportunityId: { required: true, createOnly: true, cascadeDelete: true },
      Quantity: { required: true },
      PricebookEntryId: { createOnly: true },
      Product2Id: { createOnly: true },
      UnitPrice: CURRENCY,
      TotalPrice: CURRENCY,
      ListPrice: { ...CURRENCY, readOnly: true },
      Subtotal: { ...CURRENCY, readOnly: true },
      Name: { readOnly: true, length: 376 },
      ProductCode: { readOnly: true },
      Description: { length: 255 }
    }
  },
  Case: {
    keyPrefix: '500',
    fields: {
      CaseNumber: { readOnly: true, length: 30, idLookup: true },
      Status: {
        type: 'picklist',
        defaultValue: 'New',
        picklist: ['New', 'Working', 'Escalated', 'Closed']
      },
      Priority: { type: 'picklist', defaultValue: 'Medium', picklist: ['High', 'Medium', 'Low'] },
      Origin: { type: 'picklist', picklist: ['Phone', 'Email', 'Web'] },
      Type: {
        type: 'picklist',
        picklist: ['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other']
      },
      Reason: {
        type: 'picklist',
        picklist: [
          'Installation',
          'Equipment Complexity',
          'Performance',
          'Breakdown',
          'Equipment Design',
          'Feedback',
          'Other'
        ]
      },
      Subject: { length: 255 },
      Description: TEXTAREA,
      SuppliedEmail: EMAIL,
      SuppliedPhone: PHONE,
      IsClosed: { readOnly: true },
      ClosedDate: { readOnly: true },
      MasterRecordId: { readOnly: true }
    }
  },
  Task: {
    keyPrefix: '00T',
    fields: {
      Subject: { type: 'combobox', length: 255 },
      Status: {
        type: 'picklist',
        defaultValue: 'Not Started',
        picklist: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred']
      },
      Priority: { type: 'picklist', defaultValue: 'Normal', picklist: ['High', 'Normal', 'Low'] },
      TaskSubtype: {
        type: 'picklist',
        picklist: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn']
      },
      Description: TEXTAREA,
      WhoId: { referenceTo: ['Contact', 'Lead'] },
      WhatId: { referenceTo: ['Account', 'Opportunity', 'Case', 'Product2'], cascadeDelete: true },
      OwnerId: { referenceTo: ['User', 'Group'] },
      IsClosed: { readOnly: true },
      AccountId: { readOnly: true }
    }
  },
  Event: {
    keyPrefix: '00U',
    fields: {
      Subject: { type: 'combobox', length: 255 },
      Description: TEXTAREA,
      WhoId: { referenceTo: ['Contact', 'Lead'] },
      WhatId: { referenceTo: ['Account', 'Opportunity', 'Case', 'Product2'], cascadeDelete: true },
      OwnerId: { referenceTo: ['User', 'Group'] },
      AccountId: { readOnly: true },
      Location: { length: 255 }
    }
  },
  User: {
    keyPrefix: '005',
    deletable: false,
    fields: {
      Username: { length: 80, required: true, unique: true, idLookup: true },
      LastName: { length: 80, required: true },
      FirstName: { length: 40 },
      Name: { readOnly: true, length: 121 },
      Email: { ...EMAIL, length: 128, required: true },
      Alias: { length: 8, required: true },
      CommunityNickname: { length: 40 },
      TimeZoneSidKey: {
        type: 'picklist',
        required: true,
        restricted: true,
        picklist: [
          'America/Los_Angeles',
          'America/New_York',
          'America/Chicago',
          'America/Denver',
          'Europe/London',
          'Europe/Paris',
          'Europe/Berlin',
          'Asia/Tokyo',
          'Asia/Kolkata',
          'Australia/Sydney',
          'GMT'
        ]
      },
      LocaleSidKey: {
        type: 'picklist',
        required: true,
        restricted: true,
        picklist: ['en_US', 'en_GB', 'fr_FR', 'de_DE', 'ja_JP', 'es_ES', 'it_IT']
      },
      EmailEncodingKey: {
        type: 'picklist',
        required: true,
        restricted: true,
        picklist: ['UTF-8', 'ISO-8859-1', 'Shift_JIS', 'EUC-JP', 'ISO-2022-JP']
      },
      LanguageLocaleKey: {
        type: 'picklist',
        required: true,
        restricted: true,
        picklist: ['en_US', 'fr', 'de', 'ja', 'es', 'it']
      },
      ProfileId: { required: true },
      IsActive: { defaultValue: true },
      UserType: { readOnly: true },
      Phone: PHONE,
      MobilePhone: PHONE
    }
  },
  Profile: { keyPrefix: '00e', fields: { Name: { length: 255, required: true } } },
  PermissionSet: {
    keyPrefix: '0PS',
    fields: { Name: { length: 80, required: true }, Label: { length: 80, required: true } }
  },
  PermissionSetAssignment: {
    keyPrefix: '0Pa',
    updateable: false,
    fields: {
      AssigneeId: { required: true, createOnly: true },
      PermissionSetId: { required: true, createOnly: true }
    }
  },
  PermissionSetGroup: { keyPrefix: '0PG' },
  // The permission sets a permission set group includes (Object Reference,
  // "PermissionSetGroupComponent"): one row per permission set, both references required.
  PermissionSetGroupComponent: {
    keyPrefix: '0PH',
    updateable: false,
    fields: {
      PermissionSetGroupId: { required: true, createOnly: true },
      PermissionSetId: { required: true, createOnly: true }
    }
  },
  Group: {
    keyPrefix: '00G',
    fields: {
      Name: { length: 40 },
      DeveloperName: { length: 80 },
      Type: {
        type: 'picklist',
        defaultValue: 'Regular',
        picklist: ['Regular', 'Role', 'RoleAndSubordinates', 'Queue', 'Organization']
      }
    }
  },
  GroupMember: {
    keyPrefix: '011',
    fields: {
      GroupId: { required: true, cascadeDelete: true },
      UserOrGroupId: { required: true, referenceTo: ['User', 'Group'] }
    }
  },
  UserRole: { keyPrefix: '00E', fields: { Name: { length: 80, required: true } } },
  RecordType: {
    keyPrefix: '012',
    fields: {
      Name: { length: 80, required: true },
      DeveloperName: { length: 80, required: true },
      SobjectType: { type: 'picklist', required: true }
    }
  },
  Product2: {
    keyPrefix: '01t',
    fields: {
      Name: { length: 255, required: true },
      ProductCode: { length: 255 },
      Description: { type: 'textarea', length: 4000 },
      Family: { type: 'picklist', picklist: ['None'] }
    }
  },
  Pricebook2: {
    keyPrefix: '01s',
    fields: { Name: { length: 255, required: true }, Description: { length: 255 } }
  },
  PricebookEntry: {
    keyPrefix: '01u',
    fields: {
      Pricebook2Id: { required: true, createOnly: true, cascadeDelete: true },
      Product2Id: { required: true, createOnly: true, cascadeDelete: true },
      UnitPrice: { ...CURRENCY, required: true },
      Name: { readOnly: true },
      ProductCode: { readOnly: true }
    }
  },
  ContentVersion: {
    keyPrefix: '068',
    fields: {
      Title: { length: 255 },
      PathOnClient: { length: 500, createOnly: true },
      VersionData: { createOnly: true },
      ContentDocumentId: { createOnly: true },
      FileExtension: { readOnly: true },
      FileType: { readOnly: true },
      ContentSize: { readOnly: true },
      Checksum: { readOnly: true },
      IsLatest: { readOnly: true },
      VersionNumber: { readOnly: true }
    }
  },
  ContentDocument: { keyPrefix: '069', createable: false, fields: { Title: { length: 255 } } },
  ContentDocumentLink: {
    keyPrefix: '06A',
    fields: {
      ContentDocumentId: { required: true, createOnly: true, cascadeDelete: true },
      LinkedEntityId: {
        required: true,
        createOnly: true,
        cascadeDelete: true,
        referenceTo: ['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'User', 'Group']
      },
      ShareType: { type: 'picklist', defaultValue: 'V', picklist: ['V', 'C', 'I'] },
      Visibility: {
        type: 'picklist',
        defaultValue: 'AllUsers',
        picklist: ['AllUsers', 'InternalUsers', 'SharedUsers']
      }
    }
  },
  Attachment: {
    keyPrefix: '00P',
    fields: {
      Name: { length: 255, required: true },
      Body: { required: true },
      ParentId: {
        required: true,
        createOnly: true,
        cascadeDelete: true,
        referenceTo: ['Account', 'Contact', 'Lead', 'Opportunity', 'Case']
      },
      ContentType: { length: 120 },
      Description: { type: 'textarea', length: 500 },
      OwnerId: { referenceTo: ['User'] }
    }
  },
  Note: {
    keyPrefix: '002',
    fields: {
      Title: { length: 80, required: true },
      Body: { type: 'textarea', length: 32000 },
      ParentId: {
        required: true,
        createOnly: true,
        cascadeDelete: true,
        referenceTo: ['Account', 'Contact', 'Lead', 'Opportunity', 'Case']
      },
      OwnerId: { referenceTo: ['User'] }
    }
  },
  AsyncApexJob: {
    keyPrefix: '707',
    createable: false,
    updateable: false,
    deletable: false,
    fields: {
      Status: {
        type: 'picklist',
        picklist: ['Holding', 'Queued', 'Preparing', 'Processing', 'Aborted', 'Completed', 'Failed']
      },
      JobType: {
        type: 'picklist',
        picklist: [
          'Future',
          'SharingRecalculation',
          'ScheduledApex',
          'BatchApex',
          'BatchApexWorker',
          'TestRequest',
          'TestWorker',
          'ApexToken',
          'Queueable'
        ]
      }
    }
  },
  CronTrigger: { keyPrefix: '08e', createable: false, updateable: false, deletable: false },
  CronJobDetail: { keyPrefix: '08a', createable: false, updateable: false, deletable: false },
  Organization: { keyPrefix: '00D', createable: false, deletable: false },
  CustomPermission: { keyPrefix: '0CP' },
  // Object Reference, "SetupEntityAccess": SetupEntityId is the entity access is enabled for (Apex
  // class, Visualforce page, connected app, custom permission, ...): of those, the catalogue has
  // ApexClass and CustomPermission. ParentId and SetupEntityId are set on create only.
  SetupEntityAccess: {
    keyPrefix: '0J0',
    fields: {
      ParentId: { createOnly: true },
      SetupEntityId: { createOnly: true, referenceTo: ['ApexClass', 'CustomPermission'] }
    }
  },
  ApexClass: { keyPrefix: '01p', createable: false, updateable: false, deletable: false },
  // Setup objects describing metadata: read-only through DML (Object Reference: NamedCredential, ExternalCredential, StaticResource).
  NamedCredential: { keyPrefix: '0XA', createable: false, updateable: false, deletable: false },
  ExternalCredential: { keyPrefix: '0pt', createable: false, updateable: false, deletable: false },
  StaticResource: { keyPrefix: '081', createable: false, updateable: false, deletable: false },
  // Object Reference, "FlowVersionView": read-only, one row per version of a flow (key prefix 301).
  FlowVersionView: { keyPrefix: '301', createable: false, updateable: false, deletable: false },
  // Object Reference, "TopicAssignment": TopicId and EntityId required, neither updateable.
  TopicAssignment: {
    keyPrefix: '0FT',
    updateable: false,
    fields: {
      TopicId: { required: true, createOnly: true, cascadeDelete: true },
      // the records topics can be assigned to (custom objects with topics enabled are not listed)
      EntityId: {
        required: true,
        createOnly: true,
        referenceTo: [
          'Account',
          'Campaign',
          'Case',
          'Contact',
          'Contract',
          'Event',
          'Lead',
          'Opportunity',
          'Task'
        ]
      }
    }
  },
  // Object Reference, "FlowDefinitionView": read-only, one row per flow definition (key prefix 300).
  // TriggerObjectOrEvent: the EntityDefinition of a record-triggered flow's object.
  FlowDefinitionView: {
    keyPrefix: '300',
    createable: false,
    updateable: false,
    deletable: false,
    fields: {
      TriggerObjectOrEventId: {
        durableRelationship: { name: 'TriggerObjectOrEvent', to: 'EntityDefinition' }
      }
    }
  },
  // Object Reference, "Campaign", "CampaignMember", "ContentDistribution".
  Campaign: {
    keyPrefix: '701',
    fields: {
      Name: { length: 80, required: true },
      Status: {
        type: 'picklist',
        defaultValue: 'Planned',
        picklist: ['Planned', 'In Progress', 'Completed', 'Aborted']
      },
      Type: {
        type: 'picklist',
        picklist: [
          'Conference',
          'Webinar',
          'Trade Show',
          'Public Relations',
          'Partners',
          'Referral Program',
          'Advertisement',
          'Banner Ads',
          'Direct Mail',
          'Email',
          'Telemarketing',
          'Other'
        ]
      },
      Description: TEXTAREA
    }
  },
  CampaignMember: {
    keyPrefix: '00v',
    fields: {
      CampaignId: { required: true, createOnly: true, cascadeDelete: true },
      ContactId: { createOnly: true },
      LeadId: { createOnly: true },
      Status: { type: 'picklist', picklist: ['Planned', 'Received', 'Responded', 'Sent'] }
    }
  },
  ContentDistribution: {
    keyPrefix: '04I',
    fields: { Name: { length: 100, required: true }, ContentVersionId: { required: true } }
  },
  // Permission objects: the records of loaded permission sets and profiles (Object Reference,
  // "ObjectPermissions", "FieldPermissions").
  ObjectPermissions: { keyPrefix: '110' },
  FieldPermissions: { keyPrefix: '01k' },
  // The metadata catalogue (Object Reference, "EntityDefinition", "FieldDefinition"): read-only.
  EntityDefinition: { keyPrefix: '4ie', createable: false, updateable: false, deletable: false },
  // EntityDefinitionId holds the object's DurableId; EntityDefinition follows it (Object Reference,
  // "FieldDefinition": EntityDefinition, type reference to EntityDefinition).
  FieldDefinition: {
    keyPrefix: '4if',
    createable: false,
    updateable: false,
    deletable: false,
    fields: {
      EntityDefinitionId: {
        durableRelationship: { name: 'EntityDefinition', to: 'EntityDefinition' }
      }
    }
  },
  // Object Reference, "Contract" (key prefix 800; AccountId required, Status picklist starting at
  // Draft) and "UserLicense" (100, read-only setup object).
  Contract: {
    keyPrefix: '800',
    fields: {
      AccountId: { required: true },
      Status: {
        type: 'picklist',
        defaultValue: 'Draft',
        picklist: ['Draft', 'In Approval Process', 'Activated']
      }
    }
  },
  UserLicense: { keyPrefix: '100', createable: false, updateable: false, deletable: false },
  // Object Reference, "ListEmail" (a campaign's list email). Its key prefix is not documented: 0XB is
  // the local org's choice, unused by the other objects of this catalogue.
  ListEmail: { keyPrefix: '0XB' },
  // Object Reference: "QueueSobject" (03g), "Topic" (0TO), "ApexTrigger" (01q, read-only),
  // "LoginHistory" (0Ya, read-only), "AuthSession" (0Ak, read-only), "EmailMessage" (02s),
  // "ContactPointAddress" (8lW). ApexEmailNotification's prefix is not documented: 0XC is the local
  // org's choice.
  QueueSobject: { keyPrefix: '03g' },
  Topic: { keyPrefix: '0TO' },
  ApexTrigger: { keyPrefix: '01q', createable: false, updateable: false, deletable: false },
  LoginHistory: { keyPrefix: '0Ya', createable: false, updateable: false, deletable: false },
  AuthSession: { keyPrefix: '0Ak', createable: false, updateable: false },
  EmailMessage: { keyPrefix: '02s' },
  ApexEmailNotification: { keyPrefix: '0XC' },
  ContactPointAddress: { keyPrefix: '8lW' },
  // Object Reference, "PlatformCachePartition": a setup object, one record per partition of the
  // source (read-only). Its key prefix is not documented: 0XD is the local org's choice.
  // Object Reference, "CaseComment" (00a): ParentId is the case, required.
  CaseComment: { keyPrefix: '00a', fields: { ParentId: { required: true, cascadeDelete: true } } },
  PlatformCachePartition: {
    keyPrefix: '0XD',
    createable: false,
    updateable: false,
    deletable: false
  },
  CustomNotificationType: {
    keyPrefix: '0ML',
    createable: false,
    updateable: false,
    deletable: false
  },
  // Platform Events Developer Guide, "BatchApexErrorEvent": published by the platform when a batch
  // job implementing Database.RaisesPlatformEvents fails; subscribed to by triggers, never updated.
  BatchApexErrorEvent: {
    platformEvent: true,
    updateable: false,
    deletable: false,
    fields: {
      ReplayId: { readOnly: true },
      EventUuid: { readOnly: true },
      Phase: { type: 'picklist', picklist: ['START', 'EXECUTE', 'FINISH'] },
      JobScope: { type: 'textarea', length: 40000 },
      StackTrace: { type: 'textarea', length: 5000 },
      Message: { type: 'textarea', length: 5000 }
    }
  }
};

// Fields every object gets from the platform: never createable or updateable by DML
// (SOAP API Developer Guide, "System Fields": "Defaulted on create", read-only).
export const SYSTEM_FIELDS = new Set([
  'Id',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'LastViewedDate',
  'LastReferencedDate'
]);
