import { genCommand } from './.tmp-gen.mjs';
const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd(), isTTY: false };
process.exitCode = await genCommand(process.argv.slice(2), io);
