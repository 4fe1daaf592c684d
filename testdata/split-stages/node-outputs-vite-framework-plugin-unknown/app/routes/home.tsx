export function loader() { return { msg: "hello from rr7" }; }
export default function Home({ loaderData }: { loaderData: { msg: string } }) { return <h1>{loaderData.msg}</h1>; }
