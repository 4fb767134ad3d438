// The chain editor's custom labels, and the messages and summaries made of them.

import S2S_Transform_Title from '@salesforce/label/c.S2S_Transform_Title';
import S2S_Transform_Step from '@salesforce/label/c.S2S_Transform_Step';
import S2S_Transform_Type from '@salesforce/label/c.S2S_Transform_Type';
import S2S_Transform_Choose_Type from '@salesforce/label/c.S2S_Transform_Choose_Type';
import S2S_Transform_Add_Step from '@salesforce/label/c.S2S_Transform_Add_Step';
import S2S_Transform_Remove_Step from '@salesforce/label/c.S2S_Transform_Remove_Step';
import S2S_Transform_Move_Up from '@salesforce/label/c.S2S_Transform_Move_Up';
import S2S_Transform_Move_Down from '@salesforce/label/c.S2S_Transform_Move_Down';
import S2S_Transform_Empty from '@salesforce/label/c.S2S_Transform_Empty';
import S2S_Transform_Advanced from '@salesforce/label/c.S2S_Transform_Advanced';
import S2S_Transform_Json from '@salesforce/label/c.S2S_Transform_Json';
import S2S_Transform_No_Options from '@salesforce/label/c.S2S_Transform_No_Options';
import S2S_Transform_Type_ValueMap from '@salesforce/label/c.S2S_Transform_Type_ValueMap';
import S2S_Transform_Type_Default from '@salesforce/label/c.S2S_Transform_Type_Default';
import S2S_Transform_Type_Constant from '@salesforce/label/c.S2S_Transform_Type_Constant';
import S2S_Transform_Type_Concat from '@salesforce/label/c.S2S_Transform_Type_Concat';
import S2S_Transform_Type_Split from '@salesforce/label/c.S2S_Transform_Type_Split';
import S2S_Transform_Type_Upper from '@salesforce/label/c.S2S_Transform_Type_Upper';
import S2S_Transform_Type_Lower from '@salesforce/label/c.S2S_Transform_Type_Lower';
import S2S_Transform_Type_Trim from '@salesforce/label/c.S2S_Transform_Type_Trim';
import S2S_Transform_Type_Substring from '@salesforce/label/c.S2S_Transform_Type_Substring';
import S2S_Transform_Type_Expression from '@salesforce/label/c.S2S_Transform_Type_Expression';
import S2S_Transform_Type_Round from '@salesforce/label/c.S2S_Transform_Type_Round';
import S2S_Transform_Option_Scale from '@salesforce/label/c.S2S_Transform_Option_Scale';
import S2S_Transform_Option_Mode from '@salesforce/label/c.S2S_Transform_Option_Mode';
import S2S_Transform_Round_Hint from '@salesforce/label/c.S2S_Transform_Round_Hint';
import S2S_Transform_Mode_Half_Up from '@salesforce/label/c.S2S_Transform_Mode_Half_Up';
import S2S_Transform_Mode_Half_Even from '@salesforce/label/c.S2S_Transform_Mode_Half_Even';
import S2S_Transform_Mode_Half_Down from '@salesforce/label/c.S2S_Transform_Mode_Half_Down';
import S2S_Transform_Mode_Up from '@salesforce/label/c.S2S_Transform_Mode_Up';
import S2S_Transform_Mode_Down from '@salesforce/label/c.S2S_Transform_Mode_Down';
import S2S_Transform_Mode_Ceiling from '@salesforce/label/c.S2S_Transform_Mode_Ceiling';
import S2S_Transform_Mode_Floor from '@salesforce/label/c.S2S_Transform_Mode_Floor';
import S2S_Transform_Error_Range from '@salesforce/label/c.S2S_Transform_Error_Range';
import S2S_Transform_Error_Unknown_Mode from '@salesforce/label/c.S2S_Transform_Error_Unknown_Mode';
import S2S_Transform_Option_Type from '@salesforce/label/c.S2S_Transform_Option_Type';
import S2S_Transform_Option_Map from '@salesforce/label/c.S2S_Transform_Option_Map';
import S2S_Transform_Option_Case_Insensitive from '@salesforce/label/c.S2S_Transform_Option_Case_Insensitive';
import S2S_Transform_Option_Value from '@salesforce/label/c.S2S_Transform_Option_Value';
import S2S_Transform_Option_Fields from '@salesforce/label/c.S2S_Transform_Option_Fields';
import S2S_Transform_Option_Separator from '@salesforce/label/c.S2S_Transform_Option_Separator';
import S2S_Transform_Option_Index from '@salesforce/label/c.S2S_Transform_Option_Index';
import S2S_Transform_Option_Start from '@salesforce/label/c.S2S_Transform_Option_Start';
import S2S_Transform_Option_Length from '@salesforce/label/c.S2S_Transform_Option_Length';
import S2S_Transform_Option_Expression from '@salesforce/label/c.S2S_Transform_Option_Expression';
import S2S_Transform_Map_From from '@salesforce/label/c.S2S_Transform_Map_From';
import S2S_Transform_Map_To from '@salesforce/label/c.S2S_Transform_Map_To';
import S2S_Transform_Map_Add from '@salesforce/label/c.S2S_Transform_Map_Add';
import S2S_Transform_Map_Remove from '@salesforce/label/c.S2S_Transform_Map_Remove';
import S2S_Transform_Map_Actions from '@salesforce/label/c.S2S_Transform_Map_Actions';
import S2S_Transform_Map_Blank_Hint from '@salesforce/label/c.S2S_Transform_Map_Blank_Hint';
import S2S_Transform_Fields_Available from '@salesforce/label/c.S2S_Transform_Fields_Available';
import S2S_Transform_Fields_Selected from '@salesforce/label/c.S2S_Transform_Fields_Selected';
import S2S_Transform_Expression_Hint from '@salesforce/label/c.S2S_Transform_Expression_Hint';
import S2S_Transform_Summary_None from '@salesforce/label/c.S2S_Transform_Summary_None';
import S2S_Transform_Summary_Invalid from '@salesforce/label/c.S2S_Transform_Summary_Invalid';
import S2S_Transform_Edit from '@salesforce/label/c.S2S_Transform_Edit';
import S2S_Transform_Close from '@salesforce/label/c.S2S_Transform_Close';
import S2S_Transform_Error_Syntax from '@salesforce/label/c.S2S_Transform_Error_Syntax';
import S2S_Transform_Error_Not_Array from '@salesforce/label/c.S2S_Transform_Error_Not_Array';
import S2S_Transform_Error_Not_Object from '@salesforce/label/c.S2S_Transform_Error_Not_Object';
import S2S_Transform_Error_Unknown_Type from '@salesforce/label/c.S2S_Transform_Error_Unknown_Type';
import S2S_Transform_Error_Required from '@salesforce/label/c.S2S_Transform_Error_Required';
import S2S_Transform_Error_Integer from '@salesforce/label/c.S2S_Transform_Error_Integer';
import S2S_Transform_Error_Not_Table from '@salesforce/label/c.S2S_Transform_Error_Not_Table';
import S2S_Transform_Error_Not_List from '@salesforce/label/c.S2S_Transform_Error_Not_List';
import S2S_Transform_Error_Not_Text from '@salesforce/label/c.S2S_Transform_Error_Not_Text';
import S2S_Transform_Error_Duplicate_Key from '@salesforce/label/c.S2S_Transform_Error_Duplicate_Key';
import S2S_Transform_Error_Type_Required from '@salesforce/label/c.S2S_Transform_Error_Type_Required';
import { formatLabel } from 'c/s2sUtils';
import { chainProblems, isTransformType, parseChain } from './transformChain';
import type { ChainProblem, StepOption, TransformType } from './transformChain';
import { ROUNDING_MODES } from './transformChain';

export const LABELS = {
  title: S2S_Transform_Title,
  step: S2S_Transform_Step,
  type: S2S_Transform_Type,
  chooseType: S2S_Transform_Choose_Type,
  addStep: S2S_Transform_Add_Step,
  removeStep: S2S_Transform_Remove_Step,
  moveUp: S2S_Transform_Move_Up,
  moveDown: S2S_Transform_Move_Down,
  empty: S2S_Transform_Empty,
  advanced: S2S_Transform_Advanced,
  json: S2S_Transform_Json,
  noOptions: S2S_Transform_No_Options,
  mapFrom: S2S_Transform_Map_From,
  mapTo: S2S_Transform_Map_To,
  mapAdd: S2S_Transform_Map_Add,
  mapRemove: S2S_Transform_Map_Remove,
  mapActions: S2S_Transform_Map_Actions,
  mapBlankHint: S2S_Transform_Map_Blank_Hint,
  fieldsAvailable: S2S_Transform_Fields_Available,
  fieldsSelected: S2S_Transform_Fields_Selected,
  expressionHint: S2S_Transform_Expression_Hint,
  summaryNone: S2S_Transform_Summary_None,
  summaryInvalid: S2S_Transform_Summary_Invalid,
  edit: S2S_Transform_Edit,
  close: S2S_Transform_Close,
  roundHint: S2S_Transform_Round_Hint
};

/** The round step's mode picker, HALF_UP (the engine's default) first. */
export const MODE_OPTIONS: { label: string; value: string }[] = (() => {
  const names: Record<(typeof ROUNDING_MODES)[number], string> = {
    HALF_UP: S2S_Transform_Mode_Half_Up,
    HALF_EVEN: S2S_Transform_Mode_Half_Even,
    HALF_DOWN: S2S_Transform_Mode_Half_Down,
    UP: S2S_Transform_Mode_Up,
    DOWN: S2S_Transform_Mode_Down,
    CEILING: S2S_Transform_Mode_Ceiling,
    FLOOR: S2S_Transform_Mode_Floor
  };
  return ROUNDING_MODES.map((mode) => ({ label: names[mode], value: mode }));
})();

export const TYPE_LABELS: Record<TransformType, string> = {
  valueMap: S2S_Transform_Type_ValueMap,
  default: S2S_Transform_Type_Default,
  constant: S2S_Transform_Type_Constant,
  concat: S2S_Transform_Type_Concat,
  split: S2S_Transform_Type_Split,
  upper: S2S_Transform_Type_Upper,
  lower: S2S_Transform_Type_Lower,
  trim: S2S_Transform_Type_Trim,
  substring: S2S_Transform_Type_Substring,
  round: S2S_Transform_Type_Round,
  expression: S2S_Transform_Type_Expression
};

export const OPTION_LABELS: Record<StepOption, string> = {
  type: S2S_Transform_Option_Type,
  map: S2S_Transform_Option_Map,
  caseInsensitive: S2S_Transform_Option_Case_Insensitive,
  value: S2S_Transform_Option_Value,
  fields: S2S_Transform_Option_Fields,
  separator: S2S_Transform_Option_Separator,
  index: S2S_Transform_Option_Index,
  start: S2S_Transform_Option_Start,
  length: S2S_Transform_Option_Length,
  scale: S2S_Transform_Option_Scale,
  mode: S2S_Transform_Option_Mode,
  expression: S2S_Transform_Option_Expression
};

const ERRORS: Record<Exclude<ChainProblem['code'], 'required'>, string> = {
  syntax: S2S_Transform_Error_Syntax,
  notArray: S2S_Transform_Error_Not_Array,
  notObject: S2S_Transform_Error_Not_Object,
  unknownType: S2S_Transform_Error_Unknown_Type,
  integer: S2S_Transform_Error_Integer,
  notTable: S2S_Transform_Error_Not_Table,
  notList: S2S_Transform_Error_Not_List,
  notText: S2S_Transform_Error_Not_Text,
  range: S2S_Transform_Error_Range,
  unknownMode: S2S_Transform_Error_Unknown_Mode,
  duplicateKey: S2S_Transform_Error_Duplicate_Key
};

/** The picker's name of a type; an unknown type shows as written. */
export function typeLabel(type: unknown): string {
  return isTransformType(type) ? TYPE_LABELS[type] : String(type ?? '');
}

/** A problem as a sentence naming the step, its type and the option. */
export function problemMessage(problem: ChainProblem): string {
  switch (problem.code) {
    case 'syntax':
      return formatLabel(ERRORS.syntax, problem.detail);
    case 'notArray':
      return ERRORS.notArray;
    case 'notObject':
      return formatLabel(ERRORS.notObject, problem.step);
    case 'unknownType':
      return formatLabel(ERRORS.unknownType, problem.step, problem.detail);
    case 'required':
      if (problem.option === 'type')
        return formatLabel(S2S_Transform_Error_Type_Required, problem.step);
      return formatLabel(
        S2S_Transform_Error_Required,
        problem.step,
        typeLabel(problem.type),
        OPTION_LABELS[problem.option as StepOption]
      );
    case 'duplicateKey':
      return formatLabel(
        ERRORS.duplicateKey,
        problem.step,
        typeLabel(problem.type),
        problem.detail
      );
    case 'unknownMode':
      return formatLabel(
        ERRORS.unknownMode,
        problem.step,
        typeLabel(problem.type),
        OPTION_LABELS.mode,
        problem.detail
      );
    default:
      return formatLabel(
        ERRORS[problem.code],
        problem.step,
        typeLabel(problem.type),
        OPTION_LABELS[problem.option as StepOption]
      );
  }
}

/**
 * A one-line summary of a stored chain for a table cell: "Value map → Default when blank", "None",
 * or blank when the JSON cannot be read (the cell then shows only that it is not valid).
 */
export function chainSummary(json: string | null | undefined): string {
  const parsed = parseChain(json);
  if (parsed.problem) return '';
  if (parsed.steps.length === 0) return LABELS.summaryNone;
  return parsed.steps
    .map((step) => (step.type ? typeLabel(step.type) : LABELS.chooseType))
    .join(' → ');
}

/** The first problem of a stored chain as a sentence, or undefined when the engine accepts it. */
export function chainError(json: string | null | undefined): string | undefined {
  const problems = chainProblems(json);
  return problems.length > 0 ? problemMessage(problems[0]) : undefined;
}
