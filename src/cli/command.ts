/** A CLI command: its help text and a run function returning the exit code. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[], out: (s: string) => void): Promise<number>;
}
