// Where an IR node came from: a plan file and a line (1-based). Its own module so the IR's parts that live
// elsewhere (scoring/types.ts) can name it without importing the whole IR.
export interface SourceRef {
  file: string;
  line: number;
}
