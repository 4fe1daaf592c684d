import Logo from "../logo.svg";
export default function Home() { return <Logo />; }
