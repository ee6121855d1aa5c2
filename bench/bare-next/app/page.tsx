export default function Page() {
  return <p>Bare Next.js page.</p>;
}
