#!/usr/bin/env node
// The `paperboy` command. The commands live in src/cli/run-cli.ts, so that tests can run them without
// this file running one for the test runner's own arguments.
import { runCli, type CliIo } from "./cli/run-cli.js";
import { errorMessage } from "./core/error-message.js";

const io: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    io.err(`paperboy: ${errorMessage(error)}`);
    process.exitCode = 1;
  },
);
