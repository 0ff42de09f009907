// Placeholder until the create screen lands.
export function CreatePage() {
  return <h1>New task</h1>;
}
