import Logo from "../logo.svg";

// Rendered on every request by the runtime's `next start`, with the component the build's loader made.
export default function Home({ at }) {
  return (
    <h1>
      <Logo /> next start {at}
    </h1>
  );
}

export function getServerSideProps() {
  return { props: { at: "server" } };
}
