// Lets a plain `node` child process load the project's TypeScript without a build step or ts-node:
// each .ts file is transpiled on require with the TypeScript compiler the project already has.
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload script, run by plain node */
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
  });
  module._compile(out.outputText, filename);
};
