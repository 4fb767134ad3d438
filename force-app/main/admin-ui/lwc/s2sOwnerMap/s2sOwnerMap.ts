// Owner map: for one connection, which user of this org owns the records a peer sends for each of
// its users, named by the peer user's federation Id, username or email (docs/security.md, "Owner
// policy"). Rows are edited here and saved together; S2SOwnerMapController validates them all and
// replaces the map, or saves nothing and names each wrong entry.
import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import getConnections from '@salesforce/apex/S2SConnectionsController.getConnections';
import getOwnerMap from '@salesforce/apex/S2SOwnerMapController.getOwnerMap';
import saveOwnerMap from '@salesforce/apex/S2SOwnerMapController.saveOwnerMap';
import { errorText } from 'c/s2sUtils';

import titleLabel from '@salesforce/label/c.S2S_Owner_Map_Title';
import helpLabel from '@salesforce/label/c.S2S_Owner_Map_Help';
import connectionLabel from '@salesforce/label/c.S2S_Owner_Map_Connection';
import kindLabel from '@salesforce/label/c.S2S_Owner_Map_Kind';
import sourceLabel from '@salesforce/label/c.S2S_Owner_Map_Source';
import targetLabel from '@salesforce/label/c.S2S_Owner_Map_Target';
import emptyLabel from '@salesforce/label/c.S2S_Owner_Map_Empty';
import addLabel from '@salesforce/label/c.S2S_Owner_Map_Add';
import removeLabel from '@salesforce/label/c.S2S_Owner_Map_Remove';
import saveLabel from '@salesforce/label/c.S2S_Owner_Map_Save';
import savedLabel from '@salesforce/label/c.S2S_Owner_Map_Saved';
import loadingLabel from '@salesforce/label/c.S2S_Loading';
import deniedLabel from '@salesforce/label/c.S2S_Permission_Denied_Administer';
import successTitle from '@salesforce/label/c.S2S_Toast_Success';

/** One entry as S2SOwnerMapController reads and saves it. */
export interface OwnerMapEntry {
  kind: string;
  source: string;
  targetUsername: string;
}

interface Row extends OwnerMapEntry {
  key: number;
  number: number;
}

const DENIED = /S2S_Administer/;
const KINDS = ['Federation_Id', 'Username', 'Email'];

export default class S2sOwnerMap extends LightningElement {
  labels = {
    titleLabel,
    helpLabel,
    connectionLabel,
    kindLabel,
    sourceLabel,
    targetLabel,
    emptyLabel,
    addLabel,
    removeLabel,
    saveLabel,
    loadingLabel,
    deniedLabel
  };
  kindOptions = KINDS.map((k) => ({ label: k.replace('_', ' '), value: k }));
  connectionOptions: { label: string; value: string }[] = [];
  connectionId = '';
  rows: Row[] = [];
  isLoading = true;
  isSaving = false;
  isDenied = false;
  errorMessage = '';
  private nextKey = 0;

  connectedCallback(): void {
    getConnections()
      .then((connections: { Id: string; Name: string }[]) => {
        this.connectionOptions = connections.map((c) => ({ label: c.Name, value: c.Id }));
        this.isLoading = false;
        if (this.connectionOptions.length) {
          this.select(this.connectionOptions[0].value);
        }
      })
      .catch((e: unknown) => this.fail(e));
  }

  get hasConnections(): boolean {
    return this.connectionOptions.length > 0;
  }

  get isEmpty(): boolean {
    return this.rows.length === 0;
  }

  get saveDisabled(): boolean {
    return this.isSaving || !this.connectionId;
  }

  handleConnection(event: CustomEvent<{ value: string }>): void {
    this.select(event.detail.value);
  }

  handleAdd(): void {
    this.rows = [...this.rows, this.row({ kind: 'Email', source: '', targetUsername: '' })];
    this.renumber();
  }

  handleRemove(event: Event): void {
    const key = Number((event.currentTarget as HTMLElement).dataset.key);
    this.rows = this.rows.filter((r) => r.key !== key);
    this.renumber();
  }

  handleChange(event: CustomEvent<{ value: string }>): void {
    const target = event.currentTarget as HTMLElement;
    const key = Number(target.dataset.key);
    const field = target.dataset.field as keyof OwnerMapEntry;
    this.rows = this.rows.map((r) => (r.key === key ? { ...r, [field]: event.detail.value } : r));
  }

  handleSave(): void {
    this.isSaving = true;
    this.errorMessage = '';
    const entries: OwnerMapEntry[] = this.rows.map(({ kind, source, targetUsername }) => ({
      kind,
      source,
      targetUsername
    }));
    saveOwnerMap({ connectionId: this.connectionId, entries })
      .then((saved: number) => {
        this.dispatchEvent(
          new ShowToastEvent({
            title: successTitle,
            message: savedLabel.replace('{0}', String(saved)),
            variant: 'success'
          })
        );
      })
      .catch((e: unknown) => {
        this.errorMessage = errorText(e);
      })
      .finally(() => {
        this.isSaving = false;
      });
  }

  private select(connectionId: string): void {
    this.connectionId = connectionId;
    this.errorMessage = '';
    this.isLoading = true;
    getOwnerMap({ connectionId })
      .then((entries: OwnerMapEntry[]) => {
        this.rows = entries.map((e) => this.row(e));
        this.renumber();
        this.isLoading = false;
      })
      .catch((e: unknown) => this.fail(e));
  }

  private row(e: OwnerMapEntry): Row {
    return { ...e, key: this.nextKey++, number: 0 };
  }

  private renumber(): void {
    this.rows = this.rows.map((r, i) => ({ ...r, number: i + 1 }));
  }

  private fail(e: unknown): void {
    this.isLoading = false;
    const text = errorText(e);
    this.isDenied = DENIED.test(text);
    this.errorMessage = this.isDenied ? '' : text;
  }
}
