export default function Home() {
  return <h1>next start</h1>;
}

// msb-opt verify c65be7f55480 optimized
