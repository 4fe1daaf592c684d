export default function Home() {
  return <h1>next start</h1>;
}
