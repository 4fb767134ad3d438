// The settings of one object mapping: connection (new mappings), source and target objects, the
// peer describe, direction, trigger mode, cron with its next runs, filter and policies. It owns no
// state: every edit is a `settingchange` event the mapping editor applies. Problems found on save
// are shown on the input they are about (setCustomValidity), so each error sits next to its cause.
import { LightningElement, api } from 'lwc';
import describeSchedule from '@salesforce/apex/S2SMappingController.describeSchedule';
import { friendlyError } from 'c/s2sUtils';
import { FILE_SIZE_CEILING_KB, FILE_SIZE_DEFAULT_KB, LABELS, OPTIONS } from 'c/s2sMappingModel';
import type { Issue, MappingDraft, Setting } from 'c/s2sMappingModel';

/** A base input or combobox as this form drives it. */
type Validatable = HTMLElement & {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
  focus(): void;
};

/** The detail of `settingchange`. */
export interface SettingChangeDetail {
  setting: Setting;
  value: string | number | boolean | null;
}

/** What the controller answered for the cron expression being typed. */
export interface SchedulePreview {
  valid: boolean;
  error?: string;
  nextRuns?: string[];
}

const NUMBER_SETTINGS = new Set<Setting>(['sequence', 'maxFileSizeKb']);

export default class S2sMappingSettings extends LightningElement {
  /** The mapping being edited; a change of its cron asks the controller for the next runs. */
  @api
  get draft(): MappingDraft | undefined {
    return this.current;
  }
  set draft(value: MappingDraft | undefined) {
    this.current = value;
    const cron = value?.triggerMode === 'Scheduled' ? value.scheduleCron.trim() : '';
    if (cron !== this.checkedCron) {
      this.checkedCron = cron;
      this.checkSchedule(cron);
    }
  }
  /** Objects of this org the admin may map, as combobox options. */
  @api localObjects: { label: string; value: string }[] = [];
  /** Connections, as combobox options: a new mapping (or a clone) picks one. */
  @api connectionOptions: { label: string; value: string }[] = [];
  /** True while the peer describe runs. */
  @api describingTarget = false;
  /** The peer describe's error, as a sentence. */
  @api describeError?: string;
  /** Next runs of the cron expression, or why it is not valid. */
  @api schedulePreview?: SchedulePreview;

  labels = LABELS;
  fileSizeDefaultKb = FILE_SIZE_DEFAULT_KB;
  fileSizeCeilingKb = FILE_SIZE_CEILING_KB;
  options = OPTIONS;
  private current?: MappingDraft;
  private checkedCron = '';
  private scheduleRequest = 0;

  get isNew(): boolean {
    return !this.draft?.id;
  }
  get isScheduled(): boolean {
    return this.draft?.triggerMode === 'Scheduled';
  }
  get nextRuns(): { key: number; value: string }[] {
    return (this.schedulePreview?.nextRuns ?? []).map((value, key) => ({ key, value }));
  }
  get cronError(): string | undefined {
    return this.schedulePreview && !this.schedulePreview.valid
      ? this.schedulePreview.error
      : undefined;
  }
  get hasNextRuns(): boolean {
    return this.nextRuns.length > 0;
  }

  /**
   * Shows each problem on its input and clears the others; returns the settings that have one.
   * @param issues problems of the last save, the ones without a setting are ignored here
   */
  @api
  showIssues(issues: Issue[]): Setting[] {
    const bySetting = new Map<string, string>();
    for (const issue of issues) {
      if (issue.setting && !bySetting.has(issue.setting)) {
        bySetting.set(issue.setting, issue.message);
      }
    }
    for (const input of this.inputs()) {
      input.setCustomValidity(bySetting.get(input.dataset.setting ?? '') ?? '');
      input.reportValidity();
    }
    return [...bySetting.keys()] as Setting[];
  }

  /**
   * Moves the focus to a setting's input.
   * @param setting the setting, e.g. sourceObject
   * @returns whether the input exists (it may be hidden, e.g. the cron of an unscheduled mapping)
   */
  @api
  focusSetting(setting: Setting): boolean {
    const input = this.inputs().find((candidate) => candidate.dataset.setting === setting);
    input?.focus();
    return !!input;
  }

  handleChange(event: CustomEvent<{ value?: unknown; checked?: boolean }>): void {
    const target = event.target as HTMLElement & { type?: string };
    const setting = target.dataset.setting as Setting;
    let value = (target.type === 'checkbox' ? event.detail.checked : event.detail.value) as
      string | number | boolean | null;
    if (NUMBER_SETTINGS.has(setting)) {
      value = value === '' || value === null || value === undefined ? null : Number(value);
    }
    // An edited input is no longer wrong until the next save says so.
    (target as Validatable).setCustomValidity?.('');
    this.dispatchEvent(
      new CustomEvent<SettingChangeDetail>('settingchange', { detail: { setting, value } })
    );
  }

  handleDescribe(): void {
    this.dispatchEvent(new CustomEvent('describetarget'));
  }

  private inputs(): Validatable[] {
    return [...(this.template?.querySelectorAll<Validatable>('[data-setting]') ?? [])];
  }

  /**
   * Asks the controller whether the cron is valid and when it runs next (computed in Apex, where
   * the save validates it too), then reports it with `schedulepreview`; a stale answer is dropped.
   */
  private async checkSchedule(cron: string): Promise<void> {
    const request = ++this.scheduleRequest;
    let preview: SchedulePreview | undefined;
    if (cron) {
      try {
        preview = (await describeSchedule({ cronExpression: cron })) as SchedulePreview;
      } catch (error) {
        preview = { valid: false, error: friendlyError(error) };
      }
    }
    if (request === this.scheduleRequest) {
      this.dispatchEvent(new CustomEvent('schedulepreview', { detail: preview }));
    }
  }
}
