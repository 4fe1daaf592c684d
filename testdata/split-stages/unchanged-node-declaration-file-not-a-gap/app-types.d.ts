export interface Timing {
  label: string;
  ms: number;
}
