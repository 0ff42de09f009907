// What GraphiQL opens on (a first visit, nothing stored): a working example instead of its
// generic welcome text, which is all comments and so carries a red syntax mark at its end.
// Values are written inline, not as variables: GraphiQL 5 leaves a default tab's variables out
// of its Variables editor.

export const exampleOperations = { create: 'CreateImageTask', watch: 'WatchTask' } as const;

/** Where the example's image is looked for: a folder served with the one-liner the document names. */
export const exampleImageUrl = 'http://127.0.0.1:8000/photo.jpg';

/** Stands for the id createTask returns, until the user pastes it in. */
export const exampleIdPlaceholder = 'paste the id CreateImageTask returned';

export const exampleDocument = `# mediatasks: run ${exampleOperations.create} (▶), then ${exampleOperations.watch} with the id it returns to follow the task to its end.
#
# createTask stores the task and answers at once with its id; workers fetch and process it.
# Its input is any http(s) URL this server may fetch. Offline, serve a folder holding photo.jpg
# on port 8000 (the README's "Try it" has a one-line Node file server) and start this server
# with FETCH_ALLOW_HOSTS=127.0.0.1 (not localhost, which may resolve to ::1).
# Options go under the kind's name; Docs (the book, top left) lists every kind's options with
# their ranges and defaults. With API_KEYS set, put {"Authorization": "Bearer <key>"} in
# Headers and re-fetch the schema (the circling arrows, bottom left).

mutation ${exampleOperations.create} {
  createTask(input: { kind: IMAGE, url: "${exampleImageUrl}", options: { image: { width: 320, format: webp } } }) {
    id
    status
  }
}

subscription ${exampleOperations.watch} {
  taskUpdated(id: "${exampleIdPlaceholder}") {
    status
    progress
    outputs { url width height }
    error { code message }
  }
}
`;
