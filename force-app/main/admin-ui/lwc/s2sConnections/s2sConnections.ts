// Connections screen: list, create, edit, delete and test the connections to peer orgs.
import { LightningElement, api, wire } from 'lwc';
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

/** A connection as the Apex controller returns it. */
export interface Connection {
  Id?: string;
  Name: string;
  Named_Credential__c: string;
  Direction__c: string;
  Mode__c: string;
  Active__c: boolean;
  Peer_Org_Id__c?: string | null;
  Sla_Minutes__c?: number | null;
  Max_Attempts__c?: number | null;
  Batch_Size__c?: number | null;
  Default_Owner_Username__c?: string | null;
  /** usernames the peer calls in as; the inbound endpoint refuses any other caller */
  Inbound_Usernames__c?: string | null;
  /** why delivery is paused (Sandbox_Refresh, Org_Changed); blank when it is not */
  Paused_Reason__c?: string | null;
}

const PAUSED_TEXT: Record<string, string> = {
  Sandbox_Refresh: pausedSandboxLabel,
  Org_Changed: pausedOrgLabel
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

type RowActionEvent = CustomEvent<{ action: { name: string }; row: Connection }>;

const NEW_CONNECTION: Connection = {
  Name: '',
  Named_Credential__c: '',
  Direction__c: 'Outbound',
  Mode__c: 'Package',
  Active__c: true,
  Sla_Minutes__c: 15,
  Max_Attempts__c: 5,
  Batch_Size__c: 200,
  Default_Owner_Username__c: null,
  Inbound_Usernames__c: null
};

/** lightning/confirm's open(), which @salesforce/lightning-types does not declare. */
const confirmDialog = LightningConfirm as unknown as {
  open(config: { message: string; label: string; theme?: string }): Promise<boolean>;
};

type ToastVariant = 'success' | 'warning' | 'error' | 'info';

const NUMBER_FIELDS = new Set(['Sla_Minutes__c', 'Max_Attempts__c', 'Batch_Size__c']);

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
    { label: nameLabel, fieldName: 'Name', type: 'text' },
    { label: credentialLabel, fieldName: 'Named_Credential__c', type: 'text' },
    { label: directionLabel, fieldName: 'Direction__c', type: 'text' },
    { label: modeLabel, fieldName: 'Mode__c', type: 'text' },
    { label: activeLabel, fieldName: 'Active__c', type: 'boolean' },
    { label: pausedLabel, fieldName: 'pausedText', type: 'text', wrapText: true },
    {
      type: 'action',
      typeAttributes: {
        rowActions: [
          { label: editLabel, name: 'edit' },
          { label: testLabel, name: 'test' },
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
  private wiredConnections?: WireResult<Connection[]>;

  @wire(getAccess)
  wiredAccess({ data, error }: WireResult<Access>): void {
    this.access = data;
    this.accessError = error;
  }

  @wire(getConnections)
  wiredConnectionList(result: WireResult<Connection[]>): void {
    this.wiredConnections = result;
    this.connections = result.data;
    this.connectionsError = result.error;
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
  get tableRows(): (Connection & { pausedText: string })[] {
    return (this.connections ?? []).map((c) => ({
      ...c,
      pausedText: c.Paused_Reason__c ? (PAUSED_TEXT[c.Paused_Reason__c] ?? c.Paused_Reason__c) : ''
    }));
  }

  get hasPaused(): boolean {
    return this.hasConnections && (this.connections ?? []).some((c) => !!c.Paused_Reason__c);
  }

  get hasConnections(): boolean {
    return this.showList && (this.connections?.length ?? 0) > 0;
  }

  get hasNoCredentials(): boolean {
    return this.credentialOptions.length === 0;
  }

  get formTitle(): string {
    return this.draft?.Name || newLabel;
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
      this.draft = { ...row };
      this.formError = undefined;
    } else if (action.name === 'test') {
      this.runProbe(row);
    } else if (action.name === 'resume') {
      this.resume(row);
    } else if (action.name === 'delete') {
      this.remove(row);
    }
  }

  handleFieldChange(event: CustomEvent<{ value?: unknown; checked?: boolean }>): void {
    const target = event.target as HTMLElement & { dataset: DOMStringMap; type?: string };
    const field = target.dataset.field as keyof Connection;
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
      await saveConnection({ connection: this.draft });
      this.toast(successTitle, savedLabel, 'success');
      this.draft = undefined;
      await refreshApex(this.wiredConnections);
    } catch (error) {
      this.formError = errorText(error);
    } finally {
      this.saving = false;
    }
  }

  private async resume(row: Connection): Promise<void> {
    try {
      await resumeConnection({ connectionId: row.Id });
      this.toast(successTitle, formatLabel(resumedLabel, row.Name), 'success');
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
    if (!draft.Name?.trim()) {
      this.formError = formatLabel(requiredLabel, nameLabel);
    } else if (!draft.Named_Credential__c) {
      this.formError = formatLabel(requiredLabel, credentialLabel);
    } else if (
      draft.Batch_Size__c !== null &&
      draft.Batch_Size__c !== undefined &&
      (draft.Batch_Size__c < 1 || draft.Batch_Size__c > 200)
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
    this.probedName = row.Name;
    try {
      this.probe = (await testConnection({ connectionId: row.Id })) as ProbeResult;
    } catch (error) {
      this.probe = { ok: false, error: errorText(error) };
    } finally {
      this.testing = false;
    }
  }

  private async remove(row: Connection): Promise<void> {
    // Deleting a connection deletes its mappings too (master-detail): ask first.
    const confirmed = await confirmDialog.open({
      message: formatLabel(confirmDeleteLabel, row.Name),
      label: deleteLabel,
      theme: 'warning'
    });
    if (!confirmed) return;
    try {
      await deleteConnection({ connectionId: row.Id });
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
