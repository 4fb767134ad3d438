// Connections screen: list, create, edit, delete and test the connections to peer orgs. The
// controller's records name their fields by API name, `ns__Named_Credential__c` once installed under
// the namespace: the names come from @salesforce/schema imports, and the screen works on drafts with
// neutral keys (draftFromRecord / recordFromDraft), so no field name is written here.
import { LightningElement, api, wire } from 'lwc';
import CONNECTION_NAME from '@salesforce/schema/S2S_Connection__c.Name';
import NAMED_CREDENTIAL from '@salesforce/schema/S2S_Connection__c.Named_Credential__c';
import DIRECTION from '@salesforce/schema/S2S_Connection__c.Direction__c';
import MODE from '@salesforce/schema/S2S_Connection__c.Mode__c';
import ACTIVE from '@salesforce/schema/S2S_Connection__c.Active__c';
import PEER_ORG_ID from '@salesforce/schema/S2S_Connection__c.Peer_Org_Id__c';
import SLA_MINUTES from '@salesforce/schema/S2S_Connection__c.Sla_Minutes__c';
import MAX_ATTEMPTS from '@salesforce/schema/S2S_Connection__c.Max_Attempts__c';
import BATCH_SIZE from '@salesforce/schema/S2S_Connection__c.Batch_Size__c';
import DEFAULT_OWNER from '@salesforce/schema/S2S_Connection__c.Default_Owner_Username__c';
import INBOUND_USERNAMES from '@salesforce/schema/S2S_Connection__c.Inbound_Usernames__c';
import PAUSED_REASON from '@salesforce/schema/S2S_Connection__c.Paused_Reason__c';
import APPLY_WITHOUT_AUTOMATION from '@salesforce/schema/S2S_Connection__c.Apply_Without_Automation__c';
import { refreshApex } from '@salesforce/apex';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import LightningConfirm from 'lightning/confirm';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getConnections from '@salesforce/apex/S2SConnectionsController.getConnections';
import getNamedCredentials from '@salesforce/apex/S2SConnectionsController.getNamedCredentials';
import saveConnection from '@salesforce/apex/S2SConnectionsController.saveConnection';
import deleteConnection from '@salesforce/apex/S2SConnectionsController.deleteConnection';
import testConnection from '@salesforce/apex/S2SConnectionsController.testConnection';
import resumeConnection from '@salesforce/apex/S2SConnectionsController.resumeConnection';
import pauseConnection from '@salesforce/apex/S2SConnectionsController.pauseConnection';
import isPausedGlobally from '@salesforce/apex/S2SConnectionsController.isPausedGlobally';
import setGlobalPause from '@salesforce/apex/S2SConnectionsController.setGlobalPause';
import { errorText, formatLabel } from 'c/s2sUtils';

import titleLabel from '@salesforce/label/c.S2S_Connections_Title';
import newLabel from '@salesforce/label/c.S2S_Connections_New';
import emptyLabel from '@salesforce/label/c.S2S_Connections_Empty';
import loadingLabel from '@salesforce/label/c.S2S_Loading';
import deniedLabel from '@salesforce/label/c.S2S_Permission_Denied_Administer';
import nameLabel from '@salesforce/label/c.S2S_Field_Connection_Name';
import credentialLabel from '@salesforce/label/c.S2S_Field_Named_Credential';
import directionLabel from '@salesforce/label/c.S2S_Field_Direction';
import modeLabel from '@salesforce/label/c.S2S_Field_Mode';
import activeLabel from '@salesforce/label/c.S2S_Field_Active';
import slaLabel from '@salesforce/label/c.S2S_Field_Sla_Minutes';
import attemptsLabel from '@salesforce/label/c.S2S_Field_Max_Attempts';
import batchLabel from '@salesforce/label/c.S2S_Field_Batch_Size';
import ownerLabel from '@salesforce/label/c.S2S_Field_Default_Owner';
import inboundUsersLabel from '@salesforce/label/c.S2S_Field_Inbound_Users';
import peerOrgLabel from '@salesforce/label/c.S2S_Field_Peer_Org_Id';
import saveLabel from '@salesforce/label/c.S2S_Save';
import cancelLabel from '@salesforce/label/c.S2S_Cancel';
import savingLabel from '@salesforce/label/c.S2S_Saving';
import requiredLabel from '@salesforce/label/c.S2S_Error_Required_Field';
import batchRangeLabel from '@salesforce/label/c.S2S_Error_Batch_Size';
import savedLabel from '@salesforce/label/c.S2S_Connections_Saved';
import deletedLabel from '@salesforce/label/c.S2S_Connections_Deleted';
import confirmDeleteLabel from '@salesforce/label/c.S2S_Connections_Confirm_Delete';
import editLabel from '@salesforce/label/c.S2S_Edit';
import deleteLabel from '@salesforce/label/c.S2S_Delete';
import testLabel from '@salesforce/label/c.S2S_Connections_Test';
import testingLabel from '@salesforce/label/c.S2S_Connections_Testing';
import probeOkLabel from '@salesforce/label/c.S2S_Connections_Probe_Ok';
import probeFailedLabel from '@salesforce/label/c.S2S_Connections_Probe_Failed';
import orgIdLabel from '@salesforce/label/c.S2S_Connections_Org_Id';
import apiVersionLabel from '@salesforce/label/c.S2S_Connections_Api_Version';
import packageVersionLabel from '@salesforce/label/c.S2S_Connections_Package_Version';
import permissionsLabel from '@salesforce/label/c.S2S_Connections_Permissions';
import noCredentialsLabel from '@salesforce/label/c.S2S_Connections_No_Credentials';
import outboundLabel from '@salesforce/label/c.S2S_Direction_Outbound';
import inboundLabel from '@salesforce/label/c.S2S_Direction_Inbound';
import bidirectionalLabel from '@salesforce/label/c.S2S_Direction_Bidirectional';
import modePackageLabel from '@salesforce/label/c.S2S_Mode_Package';
import modeStandardLabel from '@salesforce/label/c.S2S_Mode_Standard_API';
import successTitle from '@salesforce/label/c.S2S_Toast_Success';
import errorTitle from '@salesforce/label/c.S2S_Toast_Error';
import pausedLabel from '@salesforce/label/c.S2S_Connections_Paused';
import pausedSandboxLabel from '@salesforce/label/c.S2S_Connections_Paused_Sandbox';
import pausedOrgLabel from '@salesforce/label/c.S2S_Connections_Paused_Org';
import pausedHelpLabel from '@salesforce/label/c.S2S_Connections_Paused_Help';
import resumeLabel from '@salesforce/label/c.S2S_Connections_Resume';
import resumedLabel from '@salesforce/label/c.S2S_Connections_Resumed';
import pauseLabel from '@salesforce/label/c.S2S_Connections_Pause';
import pausedToastLabel from '@salesforce/label/c.S2S_Connections_Paused_Toast';
import alreadyPausedLabel from '@salesforce/label/c.S2S_Connections_Already_Paused';
import pausedAdminLabel from '@salesforce/label/c.S2S_Connections_Paused_Admin';
import pauseAllLabel from '@salesforce/label/c.S2S_Connections_Pause_All';
import resumeAllLabel from '@salesforce/label/c.S2S_Connections_Resume_All';
import globalPausedLabel from '@salesforce/label/c.S2S_Connections_Global_Paused';
import bypassLabel from '@salesforce/label/c.S2S_Field_Bypass_Automation';

/** A connection as the screen edits it; `id` is unset for a new one. */
export interface Connection {
  id?: string;
  name: string;
  namedCredential: string;
  direction: string;
  mode: string;
  active: boolean;
  peerOrgId?: string | null;
  slaMinutes?: number | null;
  maxAttempts?: number | null;
  batchSize?: number | null;
  defaultOwner?: string | null;
  /** usernames the peer calls in as; the inbound endpoint refuses any other caller */
  inboundUsernames?: string | null;
  /** opt-in: changes received are applied by an integration user skipping automation */
  applyWithoutAutomation?: boolean;
  /** why delivery is paused (Sandbox_Refresh, Org_Changed, Admin); blank when it is not */
  pausedReason?: string | null;
}

/** A record of the controller: field API name (namespaced once installed) to value. */
export type ConnectionRecord = Record<string, unknown>;

type Setting = Exclude<keyof Connection, 'id'>;

const fieldName = (reference: { fieldApiName?: string }): string => reference.fieldApiName ?? '';

/** Each setting with the API name of its field. */
export const CONNECTION_FIELDS: Record<Setting, string> = {
  name: fieldName(CONNECTION_NAME),
  namedCredential: fieldName(NAMED_CREDENTIAL),
  direction: fieldName(DIRECTION),
  mode: fieldName(MODE),
  active: fieldName(ACTIVE),
  peerOrgId: fieldName(PEER_ORG_ID),
  slaMinutes: fieldName(SLA_MINUTES),
  maxAttempts: fieldName(MAX_ATTEMPTS),
  batchSize: fieldName(BATCH_SIZE),
  defaultOwner: fieldName(DEFAULT_OWNER),
  inboundUsernames: fieldName(INBOUND_USERNAMES),
  applyWithoutAutomation: fieldName(APPLY_WITHOUT_AUTOMATION),
  pausedReason: fieldName(PAUSED_REASON)
};

/** The settings the form edits and saves (the peer org and the pause are the engine's). */
const EDITED: Setting[] = [
  'name',
  'namedCredential',
  'direction',
  'mode',
  'active',
  'slaMinutes',
  'maxAttempts',
  'batchSize',
  'defaultOwner',
  'inboundUsernames',
  'applyWithoutAutomation'
];

const NUMBER_FIELDS = new Set<string>(['slaMinutes', 'maxAttempts', 'batchSize']);

const isBlank = (value: unknown): boolean => value === null || value === undefined || value === '';
const textOrNull = (value: unknown): string | null => (isBlank(value) ? null : String(value));
const numberOrNull = (value: unknown): number | null => (isBlank(value) ? null : Number(value));

/** A connection record of the controller as the screen's connection. */
export function connectionFromRecord(record: ConnectionRecord): Connection {
  const value = (setting: Setting): unknown => record[CONNECTION_FIELDS[setting]];
  return {
    id: record.Id as string | undefined,
    name: textOrNull(value('name')) ?? '',
    namedCredential: textOrNull(value('namedCredential')) ?? '',
    direction: textOrNull(value('direction')) ?? '',
    mode: textOrNull(value('mode')) ?? '',
    active: value('active') === true,
    peerOrgId: textOrNull(value('peerOrgId')),
    slaMinutes: numberOrNull(value('slaMinutes')),
    maxAttempts: numberOrNull(value('maxAttempts')),
    batchSize: numberOrNull(value('batchSize')),
    defaultOwner: textOrNull(value('defaultOwner')),
    inboundUsernames: textOrNull(value('inboundUsernames')),
    applyWithoutAutomation: value('applyWithoutAutomation') === true,
    pausedReason: textOrNull(value('pausedReason'))
  };
}

/** The record the controller saves: the edited settings under their field API names. */
export function recordFromConnection(connection: Connection): ConnectionRecord {
  const record: ConnectionRecord = connection.id ? { Id: connection.id } : {};
  for (const setting of EDITED) {
    const value = connection[setting];
    record[CONNECTION_FIELDS[setting]] = value === undefined ? null : value;
  }
  return record;
}

const PAUSED_TEXT: Record<string, string> = {
  Sandbox_Refresh: pausedSandboxLabel,
  Org_Changed: pausedOrgLabel,
  Admin: pausedAdminLabel
};

interface Access {
  canAdminister: boolean;
  canSyncNow: boolean;
  canViewAudit: boolean;
}

interface ProbeResult {
  ok: boolean;
  orgId?: string;
  apiVersion?: string;
  packageVersion?: string;
  permissions?: string[];
  error?: string;
}

interface WireResult<T> {
  data?: T;
  error?: unknown;
}

type TableRow = Connection & { pausedText: string };
type RowActionEvent = CustomEvent<{ action: { name: string }; row: TableRow }>;

const NEW_CONNECTION: Connection = {
  name: '',
  namedCredential: '',
  direction: 'Outbound',
  mode: 'Package',
  active: true,
  slaMinutes: 15,
  maxAttempts: 5,
  batchSize: 200,
  defaultOwner: null,
  inboundUsernames: null,
  applyWithoutAutomation: false
};

/** lightning/confirm's open(), which @salesforce/lightning-types does not declare. */
const confirmDialog = LightningConfirm as unknown as {
  open(config: { message: string; label: string; theme?: string }): Promise<boolean>;
};

type ToastVariant = 'success' | 'warning' | 'error' | 'info';

export default class S2sConnections extends LightningElement {
  /** Card title, set in App Builder. */
  @api cardTitle: string = titleLabel;

  labels = {
    newLabel,
    emptyLabel,
    loadingLabel,
    deniedLabel,
    nameLabel,
    credentialLabel,
    directionLabel,
    modeLabel,
    activeLabel,
    slaLabel,
    attemptsLabel,
    batchLabel,
    ownerLabel,
    inboundUsersLabel,
    bypassLabel,
    globalPausedLabel,
    peerOrgLabel,
    saveLabel,
    cancelLabel,
    savingLabel,
    testingLabel,
    probeOkLabel,
    probeFailedLabel,
    orgIdLabel,
    apiVersionLabel,
    packageVersionLabel,
    permissionsLabel,
    noCredentialsLabel,
    pausedHelpLabel
  };

  columns = [
    { label: nameLabel, fieldName: 'name', type: 'text' },
    { label: credentialLabel, fieldName: 'namedCredential', type: 'text' },
    { label: directionLabel, fieldName: 'direction', type: 'text' },
    { label: modeLabel, fieldName: 'mode', type: 'text' },
    { label: activeLabel, fieldName: 'active', type: 'boolean' },
    { label: pausedLabel, fieldName: 'pausedText', type: 'text', wrapText: true },
    {
      type: 'action',
      typeAttributes: {
        rowActions: [
          { label: editLabel, name: 'edit' },
          { label: testLabel, name: 'test' },
          { label: pauseLabel, name: 'pause' },
          { label: resumeLabel, name: 'resume' },
          { label: deleteLabel, name: 'delete' }
        ]
      }
    }
  ];

  directionOptions = [
    { label: outboundLabel, value: 'Outbound' },
    { label: inboundLabel, value: 'Inbound' },
    { label: bidirectionalLabel, value: 'Bidirectional' }
  ];

  modeOptions = [
    { label: modePackageLabel, value: 'Package' },
    { label: modeStandardLabel, value: 'Standard_API' }
  ];

  access?: Access;
  accessError?: unknown;
  connections?: Connection[];
  connectionsError?: unknown;
  credentialOptions: { label: string; value: string }[] = [];
  draft?: Connection;
  formError?: string;
  saving = false;
  testing = false;
  probe?: ProbeResult;
  probedName?: string;
  pausedGlobally = false;
  private wiredConnections?: WireResult<ConnectionRecord[]>;
  private wiredGlobalPause?: WireResult<boolean>;

  @wire(getAccess)
  wiredAccess({ data, error }: WireResult<Access>): void {
    this.access = data;
    this.accessError = error;
  }

  @wire(getConnections)
  wiredConnectionList(result: WireResult<ConnectionRecord[]>): void {
    this.wiredConnections = result;
    this.connections = result.data?.map(connectionFromRecord);
    this.connectionsError = result.error;
  }

  @wire(isPausedGlobally)
  wiredPausedGlobally(result: WireResult<boolean>): void {
    this.wiredGlobalPause = result;
    this.pausedGlobally = result.data === true;
  }

  /** "Pause all connections" or "Resume all connections", as the global pause stands. */
  get globalPauseLabel(): string {
    return this.pausedGlobally ? resumeAllLabel : pauseAllLabel;
  }

  /** Sets or lifts the global pause: captured changes wait in the outbox meanwhile. */
  async handleGlobalPause(): Promise<void> {
    try {
      await setGlobalPause({ paused: !this.pausedGlobally });
      this.pausedGlobally = !this.pausedGlobally;
      this.toast(successTitle, this.pausedGlobally ? globalPausedLabel : resumeAllLabel, 'success');
      await refreshApex(this.wiredGlobalPause);
    } catch (error) {
      this.toast(errorTitle, errorText(error), 'error');
    }
  }

  @wire(getNamedCredentials)
  wiredCredentials({ data }: WireResult<{ label: string; value: string }[]>): void {
    this.credentialOptions = data ?? [];
  }

  get isLoading(): boolean {
    return (
      !this.accessError &&
      (!this.access || (this.access.canAdminister && !this.connections && !this.connectionsError))
    );
  }

  get isDenied(): boolean {
    return !!this.access && !this.access.canAdminister;
  }

  get errorMessage(): string | undefined {
    const error = this.accessError ?? this.connectionsError;
    return error ? errorText(error) : undefined;
  }

  get showList(): boolean {
    return !this.isLoading && !this.isDenied && !this.errorMessage && !this.draft;
  }

  get isEmpty(): boolean {
    return this.showList && (this.connections?.length ?? 0) === 0;
  }

  /** The connections as the table shows them: the pause reason in words. */
  get tableRows(): TableRow[] {
    return (this.connections ?? []).map((c) => ({
      ...c,
      pausedText: c.pausedReason ? (PAUSED_TEXT[c.pausedReason] ?? c.pausedReason) : ''
    }));
  }

  get hasPaused(): boolean {
    return this.hasConnections && (this.connections ?? []).some((c) => !!c.pausedReason);
  }

  get hasConnections(): boolean {
    return this.showList && (this.connections?.length ?? 0) > 0;
  }

  get hasNoCredentials(): boolean {
    return this.credentialOptions.length === 0;
  }

  get formTitle(): string {
    return this.draft?.name || newLabel;
  }

  get probePermissions(): string {
    return (this.probe?.permissions ?? []).join(', ');
  }

  handleNew(): void {
    this.draft = { ...NEW_CONNECTION };
    this.formError = undefined;
  }

  handleRowAction(event: RowActionEvent): void {
    const { action, row } = event.detail;
    if (action.name === 'edit') {
      // the row's pausedText rides along unsaved: recordFromConnection writes the edited settings
      this.draft = { ...row };
      this.formError = undefined;
    } else if (action.name === 'test') {
      this.runProbe(row);
    } else if (action.name === 'pause') {
      this.pause(row);
    } else if (action.name === 'resume') {
      this.resume(row);
    } else if (action.name === 'delete') {
      this.remove(row);
    }
  }

  handleFieldChange(event: CustomEvent<{ value?: unknown; checked?: boolean }>): void {
    const target = event.target as HTMLElement & { dataset: DOMStringMap; type?: string };
    const field = target.dataset.field as Setting;
    if (!this.draft || !field) return;
    let value: unknown = target.type === 'checkbox' ? event.detail.checked : event.detail.value;
    if (NUMBER_FIELDS.has(field)) {
      value = value === '' || value === null || value === undefined ? null : Number(value);
    }
    this.draft = { ...this.draft, [field]: value };
  }

  handleCancel(): void {
    this.draft = undefined;
    this.formError = undefined;
  }

  async handleSave(): Promise<void> {
    if (!this.draft || !this.formIsValid()) return;
    this.saving = true;
    this.formError = undefined;
    try {
      await saveConnection({ connection: recordFromConnection(this.draft) });
      this.toast(successTitle, savedLabel, 'success');
      this.draft = undefined;
      await refreshApex(this.wiredConnections);
    } catch (error) {
      this.formError = errorText(error);
    } finally {
      this.saving = false;
    }
  }

  private async pause(row: Connection): Promise<void> {
    try {
      const paused = (await pauseConnection({ connectionId: row.id })) as boolean;
      this.toast(
        successTitle,
        formatLabel(paused ? pausedToastLabel : alreadyPausedLabel, row.name),
        paused ? 'success' : 'info'
      );
      await refreshApex(this.wiredConnections);
    } catch (error) {
      this.toast(errorTitle, errorText(error), 'error');
    }
  }

  private async resume(row: Connection): Promise<void> {
    try {
      await resumeConnection({ connectionId: row.id });
      this.toast(successTitle, formatLabel(resumedLabel, row.name), 'success');
      await refreshApex(this.wiredConnections);
    } catch (error) {
      this.toast(errorTitle, errorText(error), 'error');
    }
  }

  handleCloseProbe(): void {
    this.probe = undefined;
  }

  /** Shows the inputs' own messages, and names the first field that stops the save. */
  private formIsValid(): boolean {
    this.template
      ?.querySelectorAll<HTMLElement & { reportValidity?: () => boolean }>('[data-field]')
      .forEach((input) => input.reportValidity?.());
    const draft = this.draft as Connection;
    if (!draft.name?.trim()) {
      this.formError = formatLabel(requiredLabel, nameLabel);
    } else if (!draft.namedCredential) {
      this.formError = formatLabel(requiredLabel, credentialLabel);
    } else if (
      draft.batchSize !== null &&
      draft.batchSize !== undefined &&
      (draft.batchSize < 1 || draft.batchSize > 200)
    ) {
      this.formError = formatLabel(batchRangeLabel, 200);
    } else {
      return true;
    }
    return false;
  }

  private async runProbe(row: Connection): Promise<void> {
    this.testing = true;
    this.probe = undefined;
    this.probedName = row.name;
    try {
      this.probe = (await testConnection({ connectionId: row.id })) as ProbeResult;
    } catch (error) {
      this.probe = { ok: false, error: errorText(error) };
    } finally {
      this.testing = false;
    }
  }

  private async remove(row: Connection): Promise<void> {
    // Deleting a connection deletes its mappings too (master-detail): ask first.
    const confirmed = await confirmDialog.open({
      message: formatLabel(confirmDeleteLabel, row.name),
      label: deleteLabel,
      theme: 'warning'
    });
    if (!confirmed) return;
    try {
      await deleteConnection({ connectionId: row.id });
      this.toast(successTitle, deletedLabel, 'success');
      await refreshApex(this.wiredConnections);
    } catch (error) {
      this.toast(errorTitle, errorText(error), 'error');
    }
  }

  private toast(title: string, message: string, variant: ToastVariant): void {
    this.dispatchEvent(new ShowToastEvent({ title, message, variant }));
  }
}
