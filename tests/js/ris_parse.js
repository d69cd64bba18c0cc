// Parse RIS from stdin with citation-js (@citation-js/core + @citation-js/plugin-ris) and
// print the records as CSL-JSON on stdout: an independent reader for jakcite's RIS tests.
'use strict';
const { Cite } = require('@citation-js/core');
require('@citation-js/plugin-ris');

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
  const text = Buffer.concat(chunks).toString('utf8');
  const cite = new Cite(text, { forceType: '@ris/file' });
  // _graph repeats the whole input for every record: leave it out.
  const items = cite.data.map(({ _graph, ...item }) => item);
  process.stdout.write(JSON.stringify(items));
});
