// Declarations for lightning/* service modules that @salesforce/lightning-types does not cover.

declare module 'lightning/empApi' {
  export interface EmpSubscription {
    id?: string;
    channel: string;
    replayId?: number;
  }
  export interface EmpMessage {
    channel: string;
    data: { schema?: string; payload: Record<string, unknown>; event: { replayId: number } };
  }
  export function subscribe(
    channel: string,
    replayId: number,
    onMessageCallback: (message: EmpMessage) => void
  ): Promise<EmpSubscription>;
  export function unsubscribe(
    subscription: EmpSubscription,
    callback?: (response: unknown) => void
  ): Promise<unknown>;
  export function onError(callback: (error: unknown) => void): void;
  export function setDebugFlag(flag: boolean): Promise<unknown>;
  export function isEmpEnabled(): Promise<boolean>;
}

declare module 'lightning/uiRecordApi' {
  export interface RecordInput {
    apiName?: string;
    fields: Record<string, unknown>;
  }
  export interface FieldValue {
    value: unknown;
    displayValue: string | null;
  }
  export interface RecordRepresentation {
    id: string;
    apiName: string;
    fields: Record<string, FieldValue>;
  }
  export const getRecord: unknown;
  export const getRecords: unknown;
  export function createRecord(recordInput: RecordInput): Promise<RecordRepresentation>;
  export function updateRecord(recordInput: RecordInput): Promise<RecordRepresentation>;
  export function deleteRecord(recordId: string): Promise<void>;
  export function getFieldValue(record: unknown, field: unknown): unknown;
  export function getFieldDisplayValue(record: unknown, field: unknown): unknown;
  export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void>;
}

declare module 'lightning/uiObjectInfoApi' {
  export const getObjectInfo: unknown;
  export const getObjectInfos: unknown;
  export const getPicklistValues: unknown;
  export const getPicklistValuesByRecordType: unknown;
}

declare module 'lightning/navigation' {
  import type { LightningElement } from 'lwc';
  export interface PageReference {
    type: string;
    attributes?: Record<string, unknown>;
    state?: Record<string, unknown>;
  }
  export const CurrentPageReference: unknown;
  type Constructor<T> = new (...args: any[]) => T;
  /** Mixin that adds Navigate and GenerateUrl to a component class. */
  export function NavigationMixin<T extends Constructor<LightningElement>>(
    base: T
  ): T &
    Constructor<{
      [NavigationMixin.Navigate](pageReference: PageReference, replace?: boolean): void;
      [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
    }>;
  export namespace NavigationMixin {
    const Navigate: unique symbol;
    const GenerateUrl: unique symbol;
  }
}

declare module 'lightning/platformShowToastEvent' {
  export interface ShowToastEventInit {
    title?: string;
    message: string;
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
    messageData?: unknown[];
  }
  export class ShowToastEvent extends CustomEvent<ShowToastEventInit> {
    constructor(init: ShowToastEventInit);
  }
}

declare module 'lightning/refresh' {
  export class RefreshEvent extends CustomEvent<unknown> {
    constructor();
  }
}
