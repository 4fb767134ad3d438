// The editor's custom labels and picklist options, kept apart so the component reads as behaviour.
import S2S_Mapping_Title from '@salesforce/label/c.S2S_Mapping_Title';
import S2S_Compare_Open from '@salesforce/label/c.S2S_Compare_Open';
import S2S_Compare_Open_For from '@salesforce/label/c.S2S_Compare_Open_For';
import S2S_Compare_Open_Draft from '@salesforce/label/c.S2S_Compare_Open_Draft';
import S2S_Mapping_New from '@salesforce/label/c.S2S_Mapping_New';
import S2S_Loading from '@salesforce/label/c.S2S_Loading';
import S2S_Permission_Denied_Administer from '@salesforce/label/c.S2S_Permission_Denied_Administer';
import S2S_Mapping_No_Connections from '@salesforce/label/c.S2S_Mapping_No_Connections';
import S2S_Mapping_Empty from '@salesforce/label/c.S2S_Mapping_Empty';
import S2S_Mapping_Connection from '@salesforce/label/c.S2S_Mapping_Connection';
import S2S_Edit from '@salesforce/label/c.S2S_Edit';
import S2S_Save from '@salesforce/label/c.S2S_Save';
import S2S_Cancel from '@salesforce/label/c.S2S_Cancel';
import S2S_Saving from '@salesforce/label/c.S2S_Saving';
import S2S_Mapping_Saved from '@salesforce/label/c.S2S_Mapping_Saved';
import S2S_Mapping_Source_Object from '@salesforce/label/c.S2S_Mapping_Source_Object';
import S2S_Mapping_Target_Object from '@salesforce/label/c.S2S_Mapping_Target_Object';
import S2S_Mapping_Describe_Target from '@salesforce/label/c.S2S_Mapping_Describe_Target';
import S2S_Mapping_Describing from '@salesforce/label/c.S2S_Mapping_Describing';
import S2S_Field_Direction from '@salesforce/label/c.S2S_Field_Direction';
import S2S_Mapping_Trigger_Mode from '@salesforce/label/c.S2S_Mapping_Trigger_Mode';
import S2S_Mapping_Schedule_Cron from '@salesforce/label/c.S2S_Mapping_Schedule_Cron';
import S2S_Mapping_Filter from '@salesforce/label/c.S2S_Mapping_Filter';
import S2S_Mapping_Conflict_Policy from '@salesforce/label/c.S2S_Mapping_Conflict_Policy';
import S2S_Mapping_Delete_Policy from '@salesforce/label/c.S2S_Mapping_Delete_Policy';
import S2S_Mapping_Leave_Filter_Policy from '@salesforce/label/c.S2S_Mapping_Leave_Filter_Policy';
import S2S_Mapping_Sync_Files from '@salesforce/label/c.S2S_Mapping_Sync_Files';
import S2S_Mapping_Max_File_Size from '@salesforce/label/c.S2S_Mapping_Max_File_Size';
import S2S_Mapping_Files_Help from '@salesforce/label/c.S2S_Mapping_Files_Help';
import S2S_Mapping_Match_Field from '@salesforce/label/c.S2S_Mapping_Match_Field';
import S2S_Mapping_Sequence from '@salesforce/label/c.S2S_Mapping_Sequence';
import S2S_Mapping_Owner_Rule from '@salesforce/label/c.S2S_Mapping_Owner_Rule';
import S2S_Field_Active from '@salesforce/label/c.S2S_Field_Active';
import S2S_Mapping_Fields from '@salesforce/label/c.S2S_Mapping_Fields';
import S2S_Mapping_Auto_Map from '@salesforce/label/c.S2S_Mapping_Auto_Map';
import S2S_Mapping_Add_Field from '@salesforce/label/c.S2S_Mapping_Add_Field';
import S2S_Mapping_Remove_Field from '@salesforce/label/c.S2S_Mapping_Remove_Field';
import S2S_Mapping_No_Fields from '@salesforce/label/c.S2S_Mapping_No_Fields';
import S2S_Mapping_Target_Field from '@salesforce/label/c.S2S_Mapping_Target_Field';
import S2S_Mapping_Source_Field from '@salesforce/label/c.S2S_Mapping_Source_Field';
import S2S_Mapping_Source_Expression from '@salesforce/label/c.S2S_Mapping_Source_Expression';
import S2S_Mapping_Transforms from '@salesforce/label/c.S2S_Mapping_Transforms';
import S2S_Transform_Edit from '@salesforce/label/c.S2S_Transform_Edit';
import S2S_Transform_Close from '@salesforce/label/c.S2S_Transform_Close';
import S2S_Transform_Summary_Invalid from '@salesforce/label/c.S2S_Transform_Summary_Invalid';
import S2S_Mapping_Sensitive from '@salesforce/label/c.S2S_Mapping_Sensitive';
import S2S_Mapping_Compatibility from '@salesforce/label/c.S2S_Mapping_Compatibility';
import S2S_Mapping_New_Field from '@salesforce/label/c.S2S_Mapping_New_Field';
import S2S_Compat_Compatible from '@salesforce/label/c.S2S_Compat_Compatible';
import S2S_Compat_Convertible from '@salesforce/label/c.S2S_Compat_Convertible';
import S2S_Compat_Incompatible from '@salesforce/label/c.S2S_Compat_Incompatible';
import S2S_Compat_Unknown from '@salesforce/label/c.S2S_Compat_Unknown';
import S2S_Mapping_Errors_Title from '@salesforce/label/c.S2S_Mapping_Errors_Title';
import S2S_Error_Required_Field from '@salesforce/label/c.S2S_Error_Required_Field';
import S2S_Mapping_Error_Denied_Object from '@salesforce/label/c.S2S_Mapping_Error_Denied_Object';
import S2S_Mapping_Error_Target_Missing from '@salesforce/label/c.S2S_Mapping_Error_Target_Missing';
import S2S_Mapping_Error_Target_Unknown from '@salesforce/label/c.S2S_Mapping_Error_Target_Unknown';
import S2S_Mapping_Error_Target_Duplicate from '@salesforce/label/c.S2S_Mapping_Error_Target_Duplicate';
import S2S_Mapping_Error_Source_Missing from '@salesforce/label/c.S2S_Mapping_Error_Source_Missing';
import S2S_Mapping_Error_Source_Unknown from '@salesforce/label/c.S2S_Mapping_Error_Source_Unknown';
import S2S_Mapping_Error_Transforms from '@salesforce/label/c.S2S_Mapping_Error_Transforms';
import S2S_Mapping_Error_Types from '@salesforce/label/c.S2S_Mapping_Error_Types';
import S2S_Mapping_Preview from '@salesforce/label/c.S2S_Mapping_Preview';
import S2S_Mapping_Preview_Title from '@salesforce/label/c.S2S_Mapping_Preview_Title';
import S2S_Mapping_Sample_Record from '@salesforce/label/c.S2S_Mapping_Sample_Record';
import S2S_Mapping_Previewing from '@salesforce/label/c.S2S_Mapping_Previewing';
import S2S_Mapping_Filter_Passed from '@salesforce/label/c.S2S_Mapping_Filter_Passed';
import S2S_Mapping_Filter_Failed from '@salesforce/label/c.S2S_Mapping_Filter_Failed';
import S2S_Mapping_Value from '@salesforce/label/c.S2S_Mapping_Value';
import S2S_Mapping_Configuration from '@salesforce/label/c.S2S_Mapping_Configuration';
import S2S_Mapping_Export from '@salesforce/label/c.S2S_Mapping_Export';
import S2S_Mapping_Import from '@salesforce/label/c.S2S_Mapping_Import';
import S2S_Mapping_Import_Json from '@salesforce/label/c.S2S_Mapping_Import_Json';
import S2S_Mapping_Importing from '@salesforce/label/c.S2S_Mapping_Importing';
import S2S_Mapping_Imported from '@salesforce/label/c.S2S_Mapping_Imported';
import S2S_Toast_Success from '@salesforce/label/c.S2S_Toast_Success';
import S2S_Toast_Error from '@salesforce/label/c.S2S_Toast_Error';
import S2S_Direction_Outbound from '@salesforce/label/c.S2S_Direction_Outbound';
import S2S_Direction_Inbound from '@salesforce/label/c.S2S_Direction_Inbound';
import S2S_Direction_Bidirectional from '@salesforce/label/c.S2S_Direction_Bidirectional';
import S2S_Trigger_Realtime_Trigger from '@salesforce/label/c.S2S_Trigger_Realtime_Trigger';
import S2S_Trigger_Realtime_CDC from '@salesforce/label/c.S2S_Trigger_Realtime_CDC';
import S2S_Trigger_Scheduled from '@salesforce/label/c.S2S_Trigger_Scheduled';
import S2S_Trigger_On_Demand from '@salesforce/label/c.S2S_Trigger_On_Demand';
import S2S_Conflict_Source_Wins from '@salesforce/label/c.S2S_Conflict_Source_Wins';
import S2S_Conflict_Target_Wins from '@salesforce/label/c.S2S_Conflict_Target_Wins';
import S2S_Conflict_Latest_Wins from '@salesforce/label/c.S2S_Conflict_Latest_Wins';
import S2S_Delete_Propagate from '@salesforce/label/c.S2S_Delete_Propagate';
import S2S_Delete_Ignore from '@salesforce/label/c.S2S_Delete_Ignore';
import S2S_Leave_Filter_Ignore from '@salesforce/label/c.S2S_Leave_Filter_Ignore';
import S2S_Leave_Filter_Delete from '@salesforce/label/c.S2S_Leave_Filter_Delete';
import S2S_Leave_Filter_Clear from '@salesforce/label/c.S2S_Leave_Filter_Clear';
import S2S_Owner_Keep_Default from '@salesforce/label/c.S2S_Owner_Keep_Default';
import S2S_Owner_By_Username from '@salesforce/label/c.S2S_Owner_By_Username';
import S2S_Owner_By_Email from '@salesforce/label/c.S2S_Owner_By_Email';
import S2S_Mapping_Warnings_Title from '@salesforce/label/c.S2S_Mapping_Warnings_Title';
import S2S_Toast_Warning from '@salesforce/label/c.S2S_Toast_Warning';
import S2S_Mapping_Saved_Inactive from '@salesforce/label/c.S2S_Mapping_Saved_Inactive';
import S2S_Mapping_Confirm_Delete from '@salesforce/label/c.S2S_Mapping_Confirm_Delete';
import S2S_Mapping_Delete_Title from '@salesforce/label/c.S2S_Mapping_Delete_Title';
import S2S_Mapping_Deleted from '@salesforce/label/c.S2S_Mapping_Deleted';
import S2S_Mapping_Cron_Help from '@salesforce/label/c.S2S_Mapping_Cron_Help';
import S2S_Mapping_Cron_Next_Runs from '@salesforce/label/c.S2S_Mapping_Cron_Next_Runs';
import S2S_Mapping_Field_Search from '@salesforce/label/c.S2S_Mapping_Field_Search';
import S2S_Mapping_Field_Filter from '@salesforce/label/c.S2S_Mapping_Field_Filter';
import S2S_Mapping_Field_Filter_All from '@salesforce/label/c.S2S_Mapping_Field_Filter_All';
import S2S_Mapping_Field_Filter_Attention from '@salesforce/label/c.S2S_Mapping_Field_Filter_Attention';
import S2S_Mapping_Field_Filter_Inactive from '@salesforce/label/c.S2S_Mapping_Field_Filter_Inactive';
import S2S_Mapping_Field_No_Match from '@salesforce/label/c.S2S_Mapping_Field_No_Match';
import S2S_Mapping_Auto_Map_Title from '@salesforce/label/c.S2S_Mapping_Auto_Map_Title';
import S2S_Mapping_Auto_Map_Intro from '@salesforce/label/c.S2S_Mapping_Auto_Map_Intro';
import S2S_Mapping_Auto_Map_Select from '@salesforce/label/c.S2S_Mapping_Auto_Map_Select';
import S2S_Mapping_Auto_Map_Note from '@salesforce/label/c.S2S_Mapping_Auto_Map_Note';
import S2S_Mapping_Auto_Map_None from '@salesforce/label/c.S2S_Mapping_Auto_Map_None';
import S2S_Mapping_Auto_Map_Include from '@salesforce/label/c.S2S_Mapping_Auto_Map_Include';
import S2S_Mapping_Auto_Map_Apply from '@salesforce/label/c.S2S_Mapping_Auto_Map_Apply';
import S2S_Mapping_Auto_Map_System from '@salesforce/label/c.S2S_Mapping_Auto_Map_System';
import S2S_Mapping_Auto_Map_Duplicate from '@salesforce/label/c.S2S_Mapping_Auto_Map_Duplicate';
import S2S_Mapping_List_All from '@salesforce/label/c.S2S_Mapping_List_All';
import S2S_Mapping_List_Active from '@salesforce/label/c.S2S_Mapping_List_Active';
import S2S_Mapping_List_Inactive from '@salesforce/label/c.S2S_Mapping_List_Inactive';
import S2S_Mapping_List_Search from '@salesforce/label/c.S2S_Mapping_List_Search';
import S2S_Mapping_List_Status from '@salesforce/label/c.S2S_Mapping_List_Status';
import S2S_Mapping_List_No_Match from '@salesforce/label/c.S2S_Mapping_List_No_Match';
import S2S_Mapping_List_Objects from '@salesforce/label/c.S2S_Mapping_List_Objects';
import S2S_Mapping_List_Actions from '@salesforce/label/c.S2S_Mapping_List_Actions';
import S2S_Mapping_Clone from '@salesforce/label/c.S2S_Mapping_Clone';
import S2S_Mapping_Delete from '@salesforce/label/c.S2S_Mapping_Delete';

export const LABELS = {
  title: S2S_Mapping_Title,
  newMapping: S2S_Mapping_New,
  loading: S2S_Loading,
  denied: S2S_Permission_Denied_Administer,
  noConnections: S2S_Mapping_No_Connections,
  noMappings: S2S_Mapping_Empty,
  connection: S2S_Mapping_Connection,
  edit: S2S_Edit,
  save: S2S_Save,
  cancel: S2S_Cancel,
  saving: S2S_Saving,
  saved: S2S_Mapping_Saved,
  sourceObject: S2S_Mapping_Source_Object,
  targetObject: S2S_Mapping_Target_Object,
  describeTarget: S2S_Mapping_Describe_Target,
  describing: S2S_Mapping_Describing,
  direction: S2S_Field_Direction,
  triggerMode: S2S_Mapping_Trigger_Mode,
  scheduleCron: S2S_Mapping_Schedule_Cron,
  filter: S2S_Mapping_Filter,
  conflictPolicy: S2S_Mapping_Conflict_Policy,
  deletePolicy: S2S_Mapping_Delete_Policy,
  leaveFilterPolicy: S2S_Mapping_Leave_Filter_Policy,
  syncFiles: S2S_Mapping_Sync_Files,
  maxFileSizeKb: S2S_Mapping_Max_File_Size,
  filesHelp: S2S_Mapping_Files_Help,
  matchField: S2S_Mapping_Match_Field,
  sequence: S2S_Mapping_Sequence,
  ownerRule: S2S_Mapping_Owner_Rule,
  active: S2S_Field_Active,
  fields: S2S_Mapping_Fields,
  autoMap: S2S_Mapping_Auto_Map,
  addField: S2S_Mapping_Add_Field,
  removeField: S2S_Mapping_Remove_Field,
  noFields: S2S_Mapping_No_Fields,
  targetField: S2S_Mapping_Target_Field,
  sourceField: S2S_Mapping_Source_Field,
  sourceExpression: S2S_Mapping_Source_Expression,
  transforms: S2S_Mapping_Transforms,
  editTransforms: S2S_Transform_Edit,
  closeTransforms: S2S_Transform_Close,
  transformsInvalid: S2S_Transform_Summary_Invalid,
  sensitive: S2S_Mapping_Sensitive,
  compatibility: S2S_Mapping_Compatibility,
  newField: S2S_Mapping_New_Field,
  compat_compatible: S2S_Compat_Compatible,
  compat_convertible: S2S_Compat_Convertible,
  compat_incompatible: S2S_Compat_Incompatible,
  compat_unknown: S2S_Compat_Unknown,
  errorsTitle: S2S_Mapping_Errors_Title,
  errorRequired: S2S_Error_Required_Field,
  errorDeniedObject: S2S_Mapping_Error_Denied_Object,
  errorTargetMissing: S2S_Mapping_Error_Target_Missing,
  errorTargetUnknown: S2S_Mapping_Error_Target_Unknown,
  errorTargetDuplicate: S2S_Mapping_Error_Target_Duplicate,
  errorSourceMissing: S2S_Mapping_Error_Source_Missing,
  errorSourceUnknown: S2S_Mapping_Error_Source_Unknown,
  errorTransforms: S2S_Mapping_Error_Transforms,
  errorTypes: S2S_Mapping_Error_Types,
  preview: S2S_Mapping_Preview,
  previewTitle: S2S_Mapping_Preview_Title,
  sampleRecord: S2S_Mapping_Sample_Record,
  previewing: S2S_Mapping_Previewing,
  filterPassed: S2S_Mapping_Filter_Passed,
  filterFailed: S2S_Mapping_Filter_Failed,
  value: S2S_Mapping_Value,
  configuration: S2S_Mapping_Configuration,
  export: S2S_Mapping_Export,
  import: S2S_Mapping_Import,
  importJson: S2S_Mapping_Import_Json,
  importing: S2S_Mapping_Importing,
  imported: S2S_Mapping_Imported,
  toastSuccess: S2S_Toast_Success,
  toastError: S2S_Toast_Error,
  warningsTitle: S2S_Mapping_Warnings_Title,
  toastWarning: S2S_Toast_Warning,
  savedInactive: S2S_Mapping_Saved_Inactive,
  confirmDeleteMapping: S2S_Mapping_Confirm_Delete,
  deleteTitle: S2S_Mapping_Delete_Title,
  deleted: S2S_Mapping_Deleted,
  cronHelp: S2S_Mapping_Cron_Help,
  cronNextRuns: S2S_Mapping_Cron_Next_Runs,
  fieldSearch: S2S_Mapping_Field_Search,
  fieldFilter: S2S_Mapping_Field_Filter,
  fieldFilterAll: S2S_Mapping_Field_Filter_All,
  fieldFilterAttention: S2S_Mapping_Field_Filter_Attention,
  fieldFilterInactive: S2S_Mapping_Field_Filter_Inactive,
  fieldNoMatch: S2S_Mapping_Field_No_Match,
  autoMapTitle: S2S_Mapping_Auto_Map_Title,
  autoMapIntro: S2S_Mapping_Auto_Map_Intro,
  autoMapSelect: S2S_Mapping_Auto_Map_Select,
  autoMapNote: S2S_Mapping_Auto_Map_Note,
  autoMapNone: S2S_Mapping_Auto_Map_None,
  autoMapInclude: S2S_Mapping_Auto_Map_Include,
  autoMapApply: S2S_Mapping_Auto_Map_Apply,
  autoMapSystem: S2S_Mapping_Auto_Map_System,
  autoMapDuplicate: S2S_Mapping_Auto_Map_Duplicate,
  listAll: S2S_Mapping_List_All,
  listActive: S2S_Mapping_List_Active,
  listInactive: S2S_Mapping_List_Inactive,
  listSearch: S2S_Mapping_List_Search,
  listStatus: S2S_Mapping_List_Status,
  listNoMatch: S2S_Mapping_List_No_Match,
  listObjects: S2S_Mapping_List_Objects,
  listActions: S2S_Mapping_List_Actions,
  cloneMapping: S2S_Mapping_Clone,
  deleteMapping: S2S_Mapping_Delete,
  orgCompare: S2S_Compare_Open,
  orgCompareOf: S2S_Compare_Open_For,
  compareDraft: S2S_Compare_Open_Draft
};

export const OPTIONS = {
  direction: [
    { label: S2S_Direction_Outbound, value: 'Outbound' },
    { label: S2S_Direction_Inbound, value: 'Inbound' },
    { label: S2S_Direction_Bidirectional, value: 'Bidirectional' }
  ],
  triggerMode: [
    { label: S2S_Trigger_Realtime_Trigger, value: 'Realtime_Trigger' },
    { label: S2S_Trigger_Realtime_CDC, value: 'Realtime_CDC' },
    { label: S2S_Trigger_Scheduled, value: 'Scheduled' },
    { label: S2S_Trigger_On_Demand, value: 'On_Demand' }
  ],
  conflictPolicy: [
    { label: S2S_Conflict_Source_Wins, value: 'Source_Wins' },
    { label: S2S_Conflict_Target_Wins, value: 'Target_Wins' },
    { label: S2S_Conflict_Latest_Wins, value: 'Latest_Wins' }
  ],
  deletePolicy: [
    { label: S2S_Delete_Propagate, value: 'Propagate' },
    { label: S2S_Delete_Ignore, value: 'Ignore' }
  ],
  leaveFilterPolicy: [
    { label: S2S_Leave_Filter_Ignore, value: 'Ignore' },
    { label: S2S_Leave_Filter_Delete, value: 'Delete' },
    { label: S2S_Leave_Filter_Clear, value: 'Clear' }
  ],
  ownerRule: [
    { label: S2S_Owner_Keep_Default, value: 'Keep_Default' },
    { label: S2S_Owner_By_Username, value: 'By_Username' },
    { label: S2S_Owner_By_Email, value: 'By_Email' }
  ]
};
