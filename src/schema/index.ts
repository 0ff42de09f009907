// Assembles the schema from its domain files.
import { builder } from './builder.js';
import './task-kinds.js';
import './task.js';
import './task-results.js';
import './task-mutations.js';
import './task-subscriptions.js';
import './webhook-secret.js';
import './uploads.js';

export const schema = builder.toSchema({ sortSchema: false });
