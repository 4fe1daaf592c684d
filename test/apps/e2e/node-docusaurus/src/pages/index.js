import Layout from "@theme/Layout";
import Link from "@docusaurus/Link";

export default function Home() {
  return (
    <Layout title="Home" description="e2e Docusaurus site">
      <main style={{ padding: "2rem" }}>
        <h1>e2e docs</h1>
        <Link to="/docs/intro">Read the docs</Link>
      </main>
    </Layout>
  );
}
