import { reduceErrors, errorText, downloadText, formatLabel } from 'c/s2sUtils';

describe('c-s2s-utils', () => {
  it('reads the message of an Apex error', () => {
    expect(reduceErrors({ body: { message: 'Named Credential Peer is unknown' } })).toEqual([
      'Named Credential Peer is unknown'
    ]);
  });

  it('reads page and field errors of a UI API error', () => {
    const error = {
      body: {
        pageErrors: [{ message: 'Page problem' }],
        fieldErrors: { Name: [{ message: 'Name is required' }] }
      }
    };
    expect(reduceErrors(error)).toEqual(['Page problem', 'Name is required']);
  });

  it('reads arrays of errors, array bodies, JavaScript errors, status texts and strings', () => {
    const errors = [
      { body: [{ message: 'first' }, { message: 'second' }] },
      new Error('thrown'),
      { statusText: 'Bad Request' },
      'plain',
      null
    ];
    expect(reduceErrors(errors)).toEqual(['first', 'second', 'thrown', 'Bad Request', 'plain']);
    expect(errorText(errors)).toBe('first second thrown Bad Request plain');
  });

  it('formats labels like String.format and leaves unknown placeholders', () => {
    expect(formatLabel('{0} of {1} ({2})', 2, 'ten')).toBe('2 of ten ({2})');
  });

  it('downloads text through a temporary link', () => {
    const clicks: string[] = [];
    const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      clicks.push(`${this.download}|${this.href}`);
    });
    downloadText('audit.csv', 'text/csv', 'a,b\r\n1,"x"');
    expect(clicks).toEqual(['audit.csv|data:text/csv;charset=utf-8,a%2Cb%0D%0A1%2C%22x%22']);
    expect(document.querySelectorAll('a').length).toBe(0);
    spy.mockRestore();
  });
});
