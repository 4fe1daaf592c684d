declare module "ms" {
  const ms: (value: string | number) => string | number;
  export default ms;
}
