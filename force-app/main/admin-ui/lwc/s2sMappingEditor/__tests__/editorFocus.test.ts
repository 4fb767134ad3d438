// The editor's focus rules on plain DOM: what a render does when the element it wants is not
// drawn yet (the list of mappings after the editor closes, before the list has loaded).
import { focusIssue, focusPending } from '../editorFocus';

/** A root holding the given elements: [tag, data-id, text]; data-id elements are focusable. */
function rootWith(...children: [string, string?, string?][]): HTMLElement {
  const root = document.createElement('div');
  for (const [tag, dataId, text] of children) {
    const child = document.createElement(tag);
    if (dataId) {
      child.dataset.id = dataId;
      child.tabIndex = -1;
    }
    child.textContent = text ?? '';
    root.appendChild(child);
  }
  document.body.appendChild(root);
  return root;
}

afterEach(() => {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
});

describe('editorFocus', () => {
  it('falls back to New mapping when the list is not drawn yet', () => {
    const root = rootWith(['button', 'new', 'New mapping']);
    expect(focusPending(root, { list: true })).toBe(true);
    expect(document.activeElement).toBe(root.querySelector('[data-id="new"]'));
  });

  it('asks to try again after the next render when neither the list nor New mapping is drawn', () => {
    const root = rootWith(['p', undefined, 'Loading']);
    expect(focusPending(root, { list: true, mappingId: 'a01000000000001AAA' })).toBe(false);
    expect(focusPending(root, { setting: 'sourceObject' })).toBe(false);
  });

  it('has nothing to do when no focus was asked for', () => {
    expect(focusPending(rootWith(), {})).toBe(true);
  });

  it('moves the focus to the summary when a problem has no setting or row drawn', () => {
    const root = rootWith(['div', 'summary', '2 problems']);
    focusIssue(root, { message: 'Choose a connection.', severity: 'error' }, []);
    expect(document.activeElement).toBe(root.querySelector('[data-id="summary"]'));
  });
});
