// Export and import of the whole configuration as versioned JSON (docs/configuration.md). Import
// is all or nothing; its errors and warnings (a mapping saved inactive because the peer could not
// be checked, fields the peer will refuse) are listed as the engine wrote them. Emits `imported`
// after a successful import so the mapping list reloads.
import { LightningElement } from 'lwc';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import exportConfiguration from '@salesforce/apex/S2SMappingController.exportConfiguration';
import importConfiguration from '@salesforce/apex/S2SMappingController.importConfiguration';
import { downloadText, formatLabel, friendlyError } from 'c/s2sUtils';
import { LABELS } from 'c/s2sMappingModel';

interface ImportResult {
  success: boolean;
  errors?: string[];
  warnings?: string[];
  connections?: number;
  objectMappings?: number;
  fieldMappings?: number;
}

const items = (messages: string[]): { key: number; message: string }[] =>
  messages.map((message, key) => ({ key, message }));

export default class S2sConfigTransfer extends LightningElement {
  labels = LABELS;
  importText = '';
  importing = false;
  importMessage?: string;
  importErrors: string[] = [];
  importWarnings: string[] = [];

  get importErrorItems(): { key: number; message: string }[] {
    return items(this.importErrors);
  }
  get importWarningItems(): { key: number; message: string }[] {
    return items(this.importWarnings);
  }
  get hasImportErrors(): boolean {
    return this.importErrors.length > 0;
  }
  get hasImportWarnings(): boolean {
    return this.importWarnings.length > 0;
  }

  async handleExport(): Promise<void> {
    try {
      const json = (await exportConfiguration()) as string;
      downloadText('s2s-configuration.json', 'application/json', json);
    } catch (error) {
      this.dispatchEvent(
        new ShowToastEvent({
          title: LABELS.toastError,
          message: friendlyError(error),
          variant: 'error'
        })
      );
    }
  }

  handleImportText(event: CustomEvent<{ value: string }>): void {
    this.importText = event.detail.value ?? '';
  }

  async handleImport(): Promise<void> {
    this.importing = true;
    this.importMessage = undefined;
    this.importErrors = [];
    this.importWarnings = [];
    try {
      const result = (await importConfiguration({
        configurationJson: this.importText
      })) as ImportResult;
      if (result.success) {
        this.importMessage = formatLabel(
          LABELS.imported,
          result.connections,
          result.objectMappings,
          result.fieldMappings
        );
        this.importWarnings = result.warnings ?? [];
        this.dispatchEvent(new CustomEvent('imported'));
      } else {
        this.importErrors = result.errors ?? [];
      }
    } catch (error) {
      this.importErrors = [friendlyError(error)];
    } finally {
      this.importing = false;
    }
  }
}
