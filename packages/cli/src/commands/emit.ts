import type { Command } from '../command.js';
import { EXIT_USAGE } from '../exit-codes.js';

export const emitCommand: Command = {
  name: 'emit',
  summary: '(being wired to @ol/core)',
  usage: '',
  help: '',
  options: {},
  run(_args, io) {
    io.stderr.write('not available yet\n');
    return Promise.resolve(EXIT_USAGE);
  },
};
