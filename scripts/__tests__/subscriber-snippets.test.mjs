// @ts-check
// The metadata step's check of the docs' subscriber Apex: only the global API, by its namespace.
// Seeded faults in a tiny fixture project; each must be named with file, line and reason.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
  checkSubscriberSnippets,
  codeOnly,
  packageClasses,
  snippetsOf
} from '../metadata/subscriber-snippets.mjs';

/**
 * A fixture project with the given files.
 * @param {Record<string, string>} files
 * @returns {string}
 */
function fixture(files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 's2s-snippets-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

const API = [
  "@RestResource(urlMapping='/x/v1/*')",
  'global with sharing class Api {',
  "  /* a comment with a quote: don't */",
  '  global static void capture() {',
  '  }',
  '  public static void hidden() {',
  '  }',
  '  global class ApiException extends Exception {',
  '  }',
  '}',
  ''
].join('\n');
const INTERNAL = 'public with sharing class Internal {\n  public static void run() {\n  }\n}\n';

test('reads which package classes and members are global', () => {
  const root = fixture({
    'force-app/main/api/classes/Api.cls': API,
    'force-app/main/core/classes/Internal.cls': INTERNAL
  });
  try {
    const classes = packageClasses(root);
    assert.equal(classes.get('api')?.global, true);
    assert.deepEqual([...(classes.get('api')?.globalMembers ?? [])].sort(), [
      'apiexception',
      'capture'
    ]);
    assert.equal(classes.get('internal')?.global, false);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('a string may hold a comment opener and a comment a quote', () => {
  assert.equal(codeOnly("a('/*'); // it's\nb(); /* 'x */ c();"), "a(''); \nb();   c();");
});

test('finds code spans and apex blocks with their lines', () => {
  const md = 'text `a.b();`\n\n```apex\nx.y();\n```\n\n```sh\nnot.apex();\n```\n';
  assert.deepEqual(snippetsOf(md), [
    { line: 1, code: 'a.b();' },
    { line: 4, code: 'x.y();' }
  ]);
});

test('names each snippet that reaches past the global API or forgets the namespace', () => {
  const root = fixture({
    'force-app/main/api/classes/Api.cls': API,
    'force-app/main/core/classes/Internal.cls': INTERNAL,
    'docs/real-org.md': [
      'Fine: `ns.Api.capture();` and `s2s.Api.capture();`.',
      'Public class: `ns.Internal.run();`',
      'Public member: `ns.Api.hidden();`',
      '`trigger AccountApi on Account (after insert) { Api.capture(); }`',
      "Purge: `System.schedule('p', '0 0 3 * * ?', new Internal());`",
      '```apex',
      'Internal.run();',
      '```',
      ''
    ].join('\n'),
    // internal docs may name any class
    'docs/architecture.md': 'The dispatcher calls `Internal.run();` and `ns.Api.capture()`.\n'
  });
  try {
    const { problems, snippets } = checkSubscriberSnippets(root);
    assert.deepEqual(problems, [
      'docs/real-org.md:2:1: docs/subscriber-apex: `ns.Internal.run`: Internal is not global, so subscriber code cannot reach it',
      'docs/real-org.md:3:1: docs/subscriber-apex: `ns.Api.hidden`: hidden is not a global member of Api, so subscriber code cannot reach it',
      'docs/real-org.md:4:1: docs/subscriber-apex: `trigger AccountApi on Account (after insert) { Api.capture(); }`: subscriber code names the package class Api without its namespace (write ns.Api)',
      "docs/real-org.md:5:1: docs/subscriber-apex: `System.schedule('p', '0 0 3 * * ?', new Internal());`: Internal is not global, so subscriber code cannot reach it (the global API is ns.S2SSync)",
      'docs/real-org.md:7:1: docs/subscriber-apex: `Internal.run();`: Internal is not global, so subscriber code cannot reach it (the global API is ns.S2SSync)'
    ]);
    assert.equal(snippets, 8);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
