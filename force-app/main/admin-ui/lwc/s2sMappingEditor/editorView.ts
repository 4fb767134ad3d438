// Which part of the mapping editor shows, from what its wires answered and whether a mapping is
// open: loading, permission denied, error, no connections, the list (loading, empty, data) or the
// editor. Pure, so the component keeps the state and the calls and this file decides the screen.
import { friendlyError } from 'c/s2sUtils';
import type { Access } from 'c/s2sUtils';

/** What the screen is drawn from. */
export interface EditorInputs {
  access?: Access;
  accessError?: unknown;
  connections?: unknown[];
  connectionsError?: unknown;
  mappings?: unknown[];
  mappingsError?: unknown;
  /** A mapping is open in the editor. */
  editing: boolean;
}

/** The screen's states, one flag per part of the template. */
export interface EditorView {
  isLoading: boolean;
  isDenied: boolean;
  loadError?: string;
  noConnections: boolean;
  showList: boolean;
  showNewButton: boolean;
  mappingsLoading: boolean;
  noMappings: boolean;
  hasMappings: boolean;
  /** Admins save (and compare, import, export, clone, delete). */
  canSave: boolean;
  /** Analysts (S2S_Propose_Mapping_Change without S2S_Administer) propose a change instead. */
  proposeOnly: boolean;
}

export function editorView(input: EditorInputs): EditorView {
  const { access } = input;
  const canSave = !!access?.canAdminister;
  const proposeOnly = !!access && !canSave && !!access.canProposeMappingChange;
  const mayUse = canSave || proposeOnly;
  const isLoading =
    !input.accessError && (!access || (mayUse && !input.connections && !input.connectionsError));
  const isDenied = !!access && !mayUse;
  const error = input.accessError ?? input.connectionsError ?? input.mappingsError;
  const loadError = error ? friendlyError(error) : undefined;
  const ready = !isLoading && !isDenied && !loadError;
  const noConnections = ready && (input.connections?.length ?? 0) === 0;
  const showList = ready && !noConnections && !input.editing;
  const count = input.mappings?.length;
  return {
    isLoading,
    isDenied,
    loadError,
    noConnections,
    showList,
    showNewButton: showList && canSave,
    mappingsLoading: showList && !input.mappings,
    noMappings: showList && count === 0,
    hasMappings: showList && (count ?? 0) > 0,
    canSave,
    proposeOnly
  };
}
