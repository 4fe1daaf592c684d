export default function Home() { return <h1>next home</h1>; }
export async function getServerSideProps() { return { props: {} }; }
