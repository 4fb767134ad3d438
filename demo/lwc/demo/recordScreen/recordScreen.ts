// A record screen of the demo, standing in for a list view and a record page of one object
// (Account, Contact or Lead): the records the acting user can read, a form for the fields the demo
// edits, and the package's record sync status card. Saves run as the acting user, in user mode, so
// the package's capture trigger runs as for a save in Lightning and the user's access holds.
// TypeScript so that its decorators are compiled by the demo build like the admin UI's components.
import { LightningElement, api } from 'lwc';
// @ts-expect-error the demo's own module, plain JavaScript resolved by the demo build
import { demoCall } from 'demo/apexClient';

interface Field {
  name: string;
  label: string;
}
type DemoRecord = Record<string, string | null> & { Id: string; Name: string };
interface DemoError {
  body?: { message?: string };
}

export default class RecordScreen extends LightningElement {
  @api objectApiName?: string;
  fields: Field[] = [];
  records: DemoRecord[] = [];
  selectedId?: string;
  draft: Record<string, string | null> = {};
  message?: string;
  loadError?: string;

  connectedCallback(): void {
    void this.loadRecords();
  }

  async loadRecords(): Promise<void> {
    try {
      const result = (await demoCall('records/list', { objectName: this.objectApiName })) as {
        fields: Field[];
        records: DemoRecord[];
      };
      this.fields = result.fields;
      this.records = result.records;
      this.loadError = undefined;
    } catch (error) {
      this.loadError = (error as DemoError).body?.message ?? String(error);
    }
  }

  get items(): { id: string; name: string; className: string }[] {
    return this.records.map((record) => ({
      id: record.Id,
      name: record.Name,
      className: record.Id === this.selectedId ? 'slds-item slds-theme_shade' : 'slds-item'
    }));
  }

  get hasSelection(): boolean {
    return !!this.selectedId;
  }

  get isEmpty(): boolean {
    return !this.loadError && this.records.length === 0;
  }

  get title(): string {
    return this.records.find((record) => record.Id === this.selectedId)?.Name ?? '';
  }

  /** standard:account, standard:contact or standard:lead (named here for the build's icon list). */
  get icon(): string {
    return `standard:${String(this.objectApiName).toLowerCase()}`;
  }

  get inputs(): (Field & { value: string })[] {
    return this.fields.map((field) => ({ ...field, value: this.draft[field.name] ?? '' }));
  }

  handleSelect(event: Event): void {
    this.selectedId = (event.currentTarget as HTMLElement).dataset.id;
    const record = this.records.find((candidate) => candidate.Id === this.selectedId);
    this.draft = Object.fromEntries(
      this.fields.map((field) => [field.name, record?.[field.name] ?? null])
    );
    this.message = undefined;
  }

  handleDraft(event: CustomEvent<{ value: string }>): void {
    const field = (event.target as HTMLElement).dataset.field ?? '';
    this.draft = { ...this.draft, [field]: event.detail.value };
  }

  async handleSave(): Promise<void> {
    try {
      await demoCall('records/update', {
        objectName: this.objectApiName,
        id: this.selectedId,
        values: this.draft
      });
      this.message = 'Saved.';
      await this.loadRecords();
    } catch (error) {
      this.message = (error as DemoError).body?.message ?? String(error);
    }
  }
}
