export default function Home() {
  return <h1>next start</h1>;
}

// msb-opt verify 42bd671c412e original 0
