export default function H(){return <p>hi</p>}
