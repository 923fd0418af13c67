#!/usr/bin/env node
// Neo4j's own Cypher front end (@neo4j-cypher/language-support: the ANTLR parser plus the
// semantic analysis compiled from Neo4j's Scala front end) over our statements.
//
//   node lint.mjs [--schema schema.json] FILE...        one statement per file
//   node lint.mjs < input.json                           statements as JSON on stdin
//
// stdin JSON is either [{"source": "...", "text": "...", "parameters": ["a", ...]}] or
// {"schema": {"labels": [...], "relationshipTypes": [...]}, "statements": [...]}.
// "parameters" is optional: when given (or, for a file, when it has `// @param` header lines
// or a `// @name` header) a `$name` the statement uses but does not declare is an error.
// With a schema, a label or relationship type the schema does not know is an error too.
//
// Prints {"ok", "checked", "diagnostics": [{file, line, column, severity, message}]} and exits
// 1 on any error, deprecation or unknown label/type/function, 2 on bad usage, 0 otherwise.
// Lines and columns are 1-based and, for files, count from the top of the file.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The package's ESM build uses extension-less imports that Node cannot resolve: use the CJS build.
const require = createRequire(import.meta.url);
const { lintCypherQuery, testData } = require('@neo4j-cypher/language-support');

const VERSION = 'CYPHER 5';
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
const DEPRECATED_TAG = 2; // vscode DiagnosticTag.Deprecated

// Built-in functions and procedures of a real Neo4j 5 server, as the package ships them
// (its test data is a dump of `SHOW FUNCTIONS` / `SHOW PROCEDURES`); plug-ins (APOC, GDS) left out.
function builtins() {
  const fns = testData.mockSchema.functions[VERSION] ?? {};
  const procs = testData.mockSchema.procedures[VERSION] ?? {};
  const plugin = (name) => /^(apoc|gds|genai)\./.test(name);
  return {
    functions: { [VERSION]: Object.fromEntries(Object.entries(fns).filter(([, f]) => f.isBuiltIn)) },
    procedures: { [VERSION]: Object.fromEntries(Object.entries(procs).filter(([n]) => !plugin(n))) },
  };
}

function headerParameters(text) {
  const lines = text.split('\n');
  if (!lines.some((l) => /^\s*\/\/\s*@(name|param)\b/.test(l))) return undefined;
  return lines
    .map((l) => /^\s*\/\/\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(l))
    .filter(Boolean)
    .map((m) => m[1]);
}

function readInput(argv) {
  const args = [...argv];
  let schema = {};
  const files = [];
  while (args.length) {
    const arg = args.shift();
    if (arg === '--schema') schema = JSON.parse(readFileSync(args.shift(), 'utf8'));
    else if (arg === '-h' || arg === '--help') usage(0);
    else files.push(arg);
  }
  if (files.length) {
    const statements = files.map((file) => {
      const text = readFileSync(file, 'utf8');
      return { source: file, text, parameters: headerParameters(text) };
    });
    return { schema, statements };
  }
  const raw = readFileSync(0, 'utf8');
  if (!raw.trim()) usage(2);
  const data = JSON.parse(raw);
  return Array.isArray(data) ? { schema, statements: data } : { schema: data.schema ?? schema, statements: data.statements };
}

function usage(code) {
  process.stderr.write('usage: node lint.mjs [--schema schema.json] FILE...  |  node lint.mjs < statements.json\n');
  process.exit(code);
}

function isFailure(d) {
  if (d.severity === 1) return true;
  if ((d.tags ?? []).includes(DEPRECATED_TAG) || /deprecat/i.test(d.message)) return true;
  return /is not present in the database/.test(d.message); // unknown label, type, function, procedure
}

function lint(statement, schema, known) {
  const declared = statement.parameters;
  const dbSchema = {
    ...known,
    labels: schema.labels,
    relationshipTypes: schema.relationshipTypes,
    parameters: Object.fromEntries((declared ?? []).map((p) => [p, null])),
  };
  let diagnostics;
  try {
    diagnostics = lintCypherQuery(statement.text, dbSchema);
  } catch (err) {
    return [{ file: statement.source, line: 1, column: 1, severity: 'error', message: `linter crashed: ${err}` }];
  }
  return diagnostics
    .filter((d) => declared !== undefined || !/^Parameter \$.* is not defined\.$/.test(d.message))
    .map((d) => ({
      file: statement.source,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: isFailure(d) && d.severity !== 1 ? 'error' : SEVERITY[d.severity] ?? String(d.severity),
      message: d.message + ((d.tags ?? []).includes(DEPRECATED_TAG) && !/deprecat/i.test(d.message) ? ' (deprecated)' : ''),
      failing: isFailure(d),
    }));
}

const { schema, statements } = readInput(process.argv.slice(2));
if (!Array.isArray(statements)) usage(2);
const known = builtins();
const diagnostics = statements.flatMap((s) => lint(s, schema ?? {}, known));
const ok = !diagnostics.some((d) => d.failing);
process.stdout.write(
  JSON.stringify({ ok, checked: statements.length, diagnostics: diagnostics.map(({ failing, ...d }) => d) }, null, 2) + '\n',
);
process.exit(ok ? 0 : 1);
