import generateRss from "../lib/rss";
export async function getStaticProps() {
  const posts = ["first", "second"];
  generateRss(posts);
  return { props: { posts } };
}
export default function Home({ posts }) { return <ul>{posts.map((p) => <li key={p}>{p}</li>)}</ul>; }
