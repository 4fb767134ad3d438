// Transform chain editor: the steps of a field mapping's Transforms__c as a list an admin edits
// without writing JSON (type picker, options per type, add, remove, reorder), with the raw JSON one
// toggle away. It emits `change` with the JSON the engine stores and the first problem, if any.
import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/s2sUtils';
import {
  TRANSFORM_TYPES,
  chainProblems,
  displayValue,
  entriesToMap,
  entryProblems,
  mapEntries,
  moved,
  newStep,
  parseChain,
  serialiseChain,
  stepProblems,
  withFlag,
  withNumber,
  withText
} from './transformChain';
import type { ChainProblem, Step, StepOption } from './transformChain';
import { LABELS, MODE_OPTIONS, OPTION_LABELS, TYPE_LABELS, problemMessage } from './labels';

// The mapping editor shows a row's chain as a summary and refuses to save an invalid one.
export { chainError, chainSummary } from './labels';

/** What `change` carries: the chain as stored, and whether (and why not) it is valid. */
export interface ChainChangeDetail {
  value: string;
  valid: boolean;
  error?: string;
}
interface Option {
  label: string;
  value: string;
}
interface EntryState {
  id: string;
  key: string;
  value: unknown;
}
/** A step being edited; a value map keeps its table, whose rows may repeat a key while typing. */
interface StepState {
  id: string;
  step: Step;
  entries: EntryState[];
}
interface StepView {
  id: string;
  heading: string;
  type?: string;
  isFirst: boolean;
  isLast: boolean;
  moveUpLabel: string;
  moveDownLabel: string;
  removeLabel: string;
  isValueMap: boolean;
  hasValue: boolean;
  isConcat: boolean;
  isSplit: boolean;
  isSubstring: boolean;
  isRound: boolean;
  isExpression: boolean;
  hasNoOptions: boolean;
  value: string;
  separator: string;
  index: string;
  start: string;
  length: string;
  scale: string;
  mode: string;
  expression: string;
  caseInsensitive: boolean;
  fields: string[];
  fieldOptions: Option[];
  entries: { id: string; key: string; value: string; removeLabel: string }[];
  problems: { key: number; message: string }[];
  hasProblems: boolean;
}

let idSequence = 0;
function nextId(prefix: string): string {
  idSequence += 1;
  return `${prefix}-${idSequence}`;
}

function toState(step: Step): StepState {
  const entries =
    step.type === 'valueMap'
      ? mapEntries(step.map).map((entry) => ({ ...entry, id: nextId('entry') }))
      : [];
  return { id: nextId('step'), step, entries };
}

export default class S2sTransformChainEditor extends LightningElement {
  /** Source fields of the mapping ({ label, value }), offered to concat. */
  @api sourceFields: Option[] = [];
  /** The target field the chain writes, named in the title. */
  @api fieldName = '';

  labels = { ...OPTION_LABELS, ...LABELS };
  typeOptions: Option[] = TRANSFORM_TYPES.map((type) => ({
    label: TYPE_LABELS[type],
    value: type
  }));
  modeOptions: Option[] = MODE_OPTIONS;
  /** The toggle shows its label only: no "Active"/"Inactive" text beside it. */
  noToggleMessage = '';

  states: StepState[] = [];
  isJsonMode = false;
  jsonText = '';

  private current = '';

  /** The chain as stored in Transforms__c (JSON array, or blank for none). */
  @api
  get value(): string {
    return this.current;
  }
  set value(json: string | null | undefined) {
    const next = json ?? '';
    // Our own change coming back from the parent: the editing state is already right.
    if (next === this.current) return;
    this.current = next;
    this.load(next);
  }

  // ---- view ----------------------------------------------------------------------------------

  get title(): string {
    return formatLabel(LABELS.title, this.fieldName);
  }
  get isEmpty(): boolean {
    return this.states.length === 0;
  }
  get jsonProblems(): { key: number; message: string }[] {
    return chainProblems(this.jsonText).map((problem, key) => ({
      key,
      message: problemMessage(problem)
    }));
  }
  get hasJsonProblems(): boolean {
    return this.jsonProblems.length > 0;
  }
  get stepViews(): StepView[] {
    const last = this.states.length - 1;
    return this.states.map((state, index) => this.viewOf(state, index, last));
  }

  private viewOf(state: StepState, index: number, last: number): StepView {
    const { step } = state;
    const type = typeof step.type === 'string' && step.type ? step.type : undefined;
    const number = index + 1;
    const fields = Array.isArray(step.fields) ? step.fields.map((field) => String(field)) : [];
    const known = new Set(this.sourceFields.map((option) => option.value));
    const isValueMap = type === 'valueMap';
    return {
      id: state.id,
      heading: formatLabel(LABELS.step, number),
      type,
      isFirst: index === 0,
      isLast: index === last,
      moveUpLabel: formatLabel(LABELS.moveUp, number),
      moveDownLabel: formatLabel(LABELS.moveDown, number),
      removeLabel: formatLabel(LABELS.removeStep, number),
      isValueMap,
      hasValue: type === 'default' || type === 'constant',
      isConcat: type === 'concat',
      isSplit: type === 'split',
      isSubstring: type === 'substring',
      isRound: type === 'round',
      isExpression: type === 'expression',
      hasNoOptions: type === 'upper' || type === 'lower' || type === 'trim',
      value: displayValue(step.value),
      separator: displayValue(step.separator),
      index: displayValue(step.index),
      start: displayValue(step.start),
      length: displayValue(step.length),
      scale: displayValue(step.scale),
      // No mode is HALF_UP for the engine, and the picker says so.
      mode: displayValue(step.mode) || MODE_OPTIONS[0].value,
      expression: displayValue(step.expression),
      caseInsensitive: step.caseInsensitive === true,
      fields,
      // A field the chain names but the describe lacks stays listed, so it is neither hidden nor lost.
      fieldOptions: [
        ...this.sourceFields,
        ...fields
          .filter((field) => !known.has(field))
          .map((field) => ({ label: field, value: field }))
      ],
      entries: state.entries.map((entry, row) => ({
        id: entry.id,
        key: entry.key,
        value: displayValue(entry.value),
        removeLabel: formatLabel(LABELS.mapRemove, row + 1)
      })),
      problems: this.problemsOf(state, index).map((problem, key) => ({
        key,
        message: problemMessage(problem)
      })),
      hasProblems: this.problemsOf(state, index).length > 0
    };
  }

  private problemsOf(state: StepState, index: number): ChainProblem[] {
    const problems = stepProblems(state.step, index);
    return state.step.type === 'valueMap'
      ? [...problems, ...entryProblems(state.entries, index)]
      : problems;
  }

  // ---- steps ---------------------------------------------------------------------------------

  handleAddStep(): void {
    this.commit([...this.states, toState(newStep())]);
  }

  handleRemoveStep(event: Event): void {
    const id = this.stepIdOf(event);
    this.commit(this.states.filter((state) => state.id !== id));
  }

  handleMoveUp(event: Event): void {
    this.commit(moved(this.states, this.indexOf(this.stepIdOf(event)), -1));
  }

  handleMoveDown(event: Event): void {
    this.commit(moved(this.states, this.indexOf(this.stepIdOf(event)), 1));
  }

  handleTypeChange(event: CustomEvent<{ value: string }>): void {
    const type = event.detail.value;
    // A new type starts clean: options of the old one mean nothing to it.
    this.update(this.stepIdOf(event), (state) => {
      return state.step.type === type ? state : { ...state, step: newStep(type), entries: [] };
    });
  }

  /** Text options (value, separator, expression) from inputs named by data-option. */
  handleTextChange(event: CustomEvent<{ value: string }>): void {
    const option = this.optionOf(event);
    this.update(this.stepIdOf(event), (state) => ({
      ...state,
      step: withText(state.step, option, event.detail.value)
    }));
  }

  /** Integer options (index, start, length, scale). */
  handleNumberChange(event: CustomEvent<{ value: string }>): void {
    const option = this.optionOf(event);
    this.update(this.stepIdOf(event), (state) => ({
      ...state,
      step: withNumber(state.step, option, event.detail.value)
    }));
  }

  handleCaseChange(event: CustomEvent<{ checked: boolean }>): void {
    this.update(this.stepIdOf(event), (state) => ({
      ...state,
      step: withFlag(state.step, 'caseInsensitive', event.detail.checked)
    }));
  }

  handleFieldsChange(event: CustomEvent<{ value: string[] }>): void {
    this.update(this.stepIdOf(event), (state) => ({
      ...state,
      step: { ...state.step, fields: [...(event.detail.value ?? [])] }
    }));
  }

  // ---- value map table -----------------------------------------------------------------------

  handleAddEntry(event: Event): void {
    this.updateEntries(this.stepIdOf(event), (entries) => [
      ...entries,
      { id: nextId('entry'), key: '', value: '' }
    ]);
  }

  handleRemoveEntry(event: Event): void {
    const entryId = (event.currentTarget as HTMLElement).dataset.entry;
    this.updateEntries(this.stepIdOf(event), (entries) =>
      entries.filter((entry) => entry.id !== entryId)
    );
  }

  handleEntryChange(event: CustomEvent<{ value: string }>): void {
    const { entry: entryId, part } = (event.currentTarget as HTMLElement).dataset;
    const text = event.detail.value ?? '';
    this.updateEntries(this.stepIdOf(event), (entries) =>
      entries.map((entry) => {
        if (entry.id !== entryId) return entry;
        return part === 'key' ? { ...entry, key: text } : { ...entry, value: text };
      })
    );
  }

  // ---- JSON ----------------------------------------------------------------------------------

  handleModeChange(event: CustomEvent<{ checked: boolean }>): void {
    if (event.detail.checked) {
      const steps = this.states.map((state) => state.step);
      this.jsonText = steps.length > 0 ? JSON.stringify(steps, null, 2) : '';
      this.isJsonMode = true;
      return;
    }
    const parsed = parseChain(this.jsonText);
    if (parsed.problem) {
      // Invalid JSON stays where it can be fixed; its problem is listed under the text.
      (event.currentTarget as HTMLInputElement).checked = true;
      return;
    }
    this.states = parsed.steps.map(toState);
    this.isJsonMode = false;
  }

  handleJsonChange(event: CustomEvent<{ value: string }>): void {
    this.jsonText = event.detail.value ?? '';
    const parsed = parseChain(this.jsonText);
    // Text that does not parse is passed on as typed, so the mapping editor refuses to save it.
    const value = parsed.problem ? this.jsonText : serialiseChain(parsed.steps);
    const problems = chainProblems(this.jsonText);
    this.emit(value, problems.length > 0 ? problemMessage(problems[0]) : undefined);
  }

  /**
   * The base components' own change events bubble and cross shadow boundaries; stopped here, the
   * parent hears only this component's change, whose detail is the chain.
   */
  handleInnerChange(event: Event): void {
    event.stopPropagation();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private load(json: string): void {
    const parsed = parseChain(json);
    if (parsed.problem) {
      this.states = [];
      this.jsonText = json;
      this.isJsonMode = true;
    } else {
      this.states = parsed.steps.map(toState);
      this.isJsonMode = false;
    }
  }

  private stepIdOf(event: Event): string | undefined {
    return (event.currentTarget as HTMLElement).dataset.step;
  }

  private optionOf(event: Event): StepOption {
    return (event.currentTarget as HTMLElement).dataset.option as StepOption;
  }

  private indexOf(id: string | undefined): number {
    return this.states.findIndex((state) => state.id === id);
  }

  private update(id: string | undefined, change: (state: StepState) => StepState): void {
    this.commit(this.states.map((state) => (state.id === id ? change(state) : state)));
  }

  private updateEntries(
    id: string | undefined,
    change: (entries: EntryState[]) => EntryState[]
  ): void {
    this.update(id, (state) => {
      const entries = change(state.entries);
      return { ...state, entries, step: { ...state.step, map: entriesToMap(entries) } };
    });
  }

  private commit(states: StepState[]): void {
    this.states = states;
    const problems = states.flatMap((state, index) => this.problemsOf(state, index));
    this.emit(
      serialiseChain(states.map((state) => state.step)),
      problems.length > 0 ? problemMessage(problems[0]) : undefined
    );
  }

  private emit(value: string, error: string | undefined): void {
    this.current = value;
    const detail: ChainChangeDetail = { value, valid: !error, error };
    this.dispatchEvent(new CustomEvent('change', { detail }));
  }
}
