import { $, $$, cleanDom, fire, flush, mount } from 'test-utils/s2sLwc';
import S2sFieldMappingTable from 'c/s2sFieldMappingTable';

const row = (key: string, targetField: string, sourceField: string, active = true) => ({
  key,
  sourceField,
  sourceExpression: '',
  targetField,
  transforms: '',
  sensitive: false,
  active
});
const SOURCE = [
  { name: 'Name', label: 'Account Name', type: 'STRING' },
  { name: 'NumberOfEmployees', label: 'Employees', type: 'INTEGER' }
];
const TARGET = [
  { name: 'Name', label: 'Account Name', type: 'string', updateable: true },
  { name: 'Employees__c', label: 'Employees', type: 'boolean', updateable: true }
];

describe('c-s2s-field-mapping-table', () => {
  afterEach(cleanDom);

  it('narrows the rows by search and by filter, and keeps a row with an error visible', async () => {
    const rows = [row('r1', 'Name', 'Name'), row('r2', 'Employees__c', 'NumberOfEmployees', false)];
    const element = mount('c-s2s-field-mapping-table', S2sFieldMappingTable, {
      rows,
      sourceFields: SOURCE,
      targetFields: TARGET
    });
    await flush();
    const shown = (): string[] =>
      $$(element, 'tbody tr[data-row]').map((tr) => tr.dataset.row as string);
    expect(shown()).toEqual(['r1', 'r2']);
    await expect(element).toBeAccessible();
    fire($(element, '[data-id="field-search"]')!, { value: 'employees' });
    await flush();
    expect(shown()).toEqual(['r2']);
    fire($(element, '[data-id="field-search"]')!, { value: '' });
    fire($(element, '[data-id="field-filter"]')!, { value: 'attention' });
    await flush();
    expect(shown()).toEqual(['r2']);
    fire($(element, '[data-id="field-filter"]')!, { value: 'inactive' });
    fire($(element, '[data-id="field-search"]')!, { value: 'nothing like this' });
    await flush();
    expect($(element, '[data-id="no-match"]')).not.toBeNull();
    const keys = (element as unknown as { showIssues(i: unknown[]): string[] }).showIssues([
      { severity: 'error', targetField: 'name', message: 'Field Name: the peer will refuse it' }
    ]);
    await flush();
    expect(keys).toEqual(['r1']);
    expect(shown()).toEqual(['r1']);
  });

  it('adds and removes rows through rowschange, keeping the focus in the table', async () => {
    const element = mount('c-s2s-field-mapping-table', S2sFieldMappingTable, {
      rows: [row('r1', 'Name', 'Name')]
    });
    const changes: unknown[][] = [];
    element.addEventListener('rowschange', (event) =>
      changes.push((event as CustomEvent).detail.rows)
    );
    await flush();
    expect(
      ($(element, '[data-id="auto-map"]') as HTMLElement & { disabled: boolean }).disabled
    ).toBe(true);
    $(element, '[data-id="add-row"]')!.click();
    $(element, '[data-id="remove-row"][data-key="r1"]')!.click();
    await flush();
    expect(changes.map((rows) => rows.length)).toEqual([2, 0]);
  });
});
