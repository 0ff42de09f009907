// Placeholder until the task screen lands.
export function TaskPage({ id }: { id: string }) {
  return <h1>Task {id}</h1>;
}
