import {
  reduceErrors,
  errorText,
  downloadText,
  formatLabel,
  friendlyErrors,
  csvCell,
  csvOf
} from 'c/s2sUtils';

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

  it('turns exception names and raw HTTP answers of the peer into what to do', () => {
    const errors = [
      { body: { message: 'System.AuraHandledException: Insufficient access' } },
      { body: { message: 'HTTP 404: [{"errorCode":"NOT_FOUND"}]' } },
      { body: { message: 'HTTP 401: [{"errorCode":"INVALID_SESSION_ID"}]' } },
      { body: { message: 'HTTP 403: []' } },
      { body: { message: 'HTTP 503: down' } },
      { body: { message: 'HTTP 409: conflict' } },
      { body: { message: 'System.CalloutException: Unable to tunnel through proxy' } },
      'Choose a connection.'
    ];
    expect(friendlyErrors(errors)).toEqual([
      'Insufficient access',
      'c.S2S_Error_Peer_Not_Found',
      'c.S2S_Error_Peer_Unauthorized',
      'c.S2S_Error_Peer_Forbidden',
      'c.S2S_Error_Peer_Unavailable',
      'c.S2S_Error_Peer_Other',
      'c.S2S_Error_Peer_Unreachable',
      'Choose a connection.'
    ]);
  });

  it('writes a CSV cell as RFC 4180 wants, a formula-like text defused', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(false)).toBe('false');
    for (const formula of ['=SUM(A1)', '+1', '-2', '@cmd']) {
      expect(csvCell(formula)).toBe(`'${formula}`);
    }
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  it('writes a CSV file: the header, a line per row, every line ended by CRLF', () => {
    expect(csvOf(['Name', 'Count'], [])).toBe('Name,Count\r\n');
    expect(
      csvOf(
        ['Name', 'Note'],
        [
          ['Acme, Inc.', null],
          ['Globex', '=1+1']
        ]
      )
    ).toBe('Name,Note\r\n"Acme, Inc.",\r\nGlobex,\'=1+1\r\n');
  });
});
