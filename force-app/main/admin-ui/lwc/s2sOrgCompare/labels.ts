// The org compare's custom labels.
import S2S_Compare_Title from '@salesforce/label/c.S2S_Compare_Title';
import S2S_Compare_Intro from '@salesforce/label/c.S2S_Compare_Intro';
import S2S_Compare_Comparing from '@salesforce/label/c.S2S_Compare_Comparing';
import S2S_Compare_Compared_At from '@salesforce/label/c.S2S_Compare_Compared_At';
import S2S_Compare_Refused from '@salesforce/label/c.S2S_Compare_Refused';
import S2S_Compare_May_Refuse from '@salesforce/label/c.S2S_Compare_May_Refuse';
import S2S_Compare_Fine from '@salesforce/label/c.S2S_Compare_Fine';
import S2S_Compare_Group_Empty from '@salesforce/label/c.S2S_Compare_Group_Empty';
import S2S_Compare_Field from '@salesforce/label/c.S2S_Compare_Field';
import S2S_Compare_Difference from '@salesforce/label/c.S2S_Compare_Difference';
import S2S_Compare_Fix from '@salesforce/label/c.S2S_Compare_Fix';
import S2S_Compare_Apply_Value_Map from '@salesforce/label/c.S2S_Compare_Apply_Value_Map';
import S2S_Compare_Apply_Truncate from '@salesforce/label/c.S2S_Compare_Apply_Truncate';
import S2S_Compare_Apply_Default from '@salesforce/label/c.S2S_Compare_Apply_Default';
import S2S_Compare_Default_Value from '@salesforce/label/c.S2S_Compare_Default_Value';
import S2S_Compare_Peer_Value_For from '@salesforce/label/c.S2S_Compare_Peer_Value_For';
import S2S_Compare_Choose_Value from '@salesforce/label/c.S2S_Compare_Choose_Value';
import S2S_Compare_Applied from '@salesforce/label/c.S2S_Compare_Applied';
import S2S_Compare_Rules from '@salesforce/label/c.S2S_Compare_Rules';
import S2S_Compare_Rules_None from '@salesforce/label/c.S2S_Compare_Rules_None';
import S2S_Compare_Rules_Hidden from '@salesforce/label/c.S2S_Compare_Rules_Hidden';
import S2S_Compare_Rule_Name from '@salesforce/label/c.S2S_Compare_Rule_Name';
import S2S_Compare_Rule_Field from '@salesforce/label/c.S2S_Compare_Rule_Field';
import S2S_Compare_Rule_Formula from '@salesforce/label/c.S2S_Compare_Rule_Formula';
import S2S_Compare_Rule_Message from '@salesforce/label/c.S2S_Compare_Rule_Message';
import S2S_Compare_Top_Of_Page from '@salesforce/label/c.S2S_Compare_Top_Of_Page';
import S2S_Compare_Export from '@salesforce/label/c.S2S_Compare_Export';
import S2S_Compare_Again from '@salesforce/label/c.S2S_Compare_Again';
import S2S_Compare_Close from '@salesforce/label/c.S2S_Compare_Close';
import S2S_Compare_Open from '@salesforce/label/c.S2S_Compare_Open';
import S2S_Compare_Open_For from '@salesforce/label/c.S2S_Compare_Open_For';
import S2S_Compare_Csv_Header from '@salesforce/label/c.S2S_Compare_Csv_Header';
import S2S_Compare_Apply_Round from '@salesforce/label/c.S2S_Compare_Apply_Round';
import S2S_Compare_Applied_Draft from '@salesforce/label/c.S2S_Compare_Applied_Draft';
import S2S_Compare_Draft_Note from '@salesforce/label/c.S2S_Compare_Draft_Note';

export const LABELS = {
  title: S2S_Compare_Title,
  intro: S2S_Compare_Intro,
  comparing: S2S_Compare_Comparing,
  comparedAt: S2S_Compare_Compared_At,
  refused: S2S_Compare_Refused,
  mayRefuse: S2S_Compare_May_Refuse,
  fine: S2S_Compare_Fine,
  groupEmpty: S2S_Compare_Group_Empty,
  field: S2S_Compare_Field,
  difference: S2S_Compare_Difference,
  fix: S2S_Compare_Fix,
  applyValueMap: S2S_Compare_Apply_Value_Map,
  applyTruncate: S2S_Compare_Apply_Truncate,
  applyDefault: S2S_Compare_Apply_Default,
  defaultValue: S2S_Compare_Default_Value,
  peerValueFor: S2S_Compare_Peer_Value_For,
  chooseValue: S2S_Compare_Choose_Value,
  applied: S2S_Compare_Applied,
  rules: S2S_Compare_Rules,
  rulesNone: S2S_Compare_Rules_None,
  rulesHidden: S2S_Compare_Rules_Hidden,
  ruleName: S2S_Compare_Rule_Name,
  ruleField: S2S_Compare_Rule_Field,
  ruleFormula: S2S_Compare_Rule_Formula,
  ruleMessage: S2S_Compare_Rule_Message,
  topOfPage: S2S_Compare_Top_Of_Page,
  export: S2S_Compare_Export,
  again: S2S_Compare_Again,
  close: S2S_Compare_Close,
  open: S2S_Compare_Open,
  openFor: S2S_Compare_Open_For,
  csvHeader: S2S_Compare_Csv_Header,
  applyRound: S2S_Compare_Apply_Round,
  appliedDraft: S2S_Compare_Applied_Draft,
  draftNote: S2S_Compare_Draft_Note
};
